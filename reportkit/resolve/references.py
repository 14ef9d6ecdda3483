"""The cross-references transform: ``{@label}`` becomes "paragraph 3.4", "Table 2", "Appendix A".

Labels are set with ``{#label}`` on a heading, paragraph or table caption, ``label:`` in a ```table or
```chart block, or ``label:`` on an appendix. Numbers are known by now, so the printed reference is
whatever the theme's numbering made of its target; where the target has no number under the house
style (unnumbered paragraphs), the reference names the section it stands in.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ContentError, did_you_mean
from ..model import CrossRef, Document, Figure, Heading, Paragraph, Table, plain_text
from ..theme import ReferenceWords
from ..walk import replace, walk

Kind = Literal["heading", "paragraph", "table", "figure", "appendix"]


@dataclass(frozen=True)
class Target:
    anchor: str
    word: str
    number: str
    kind: Kind


def resolve_references(doc: Document, words: ReferenceWords) -> Document:
    doc = _anchor_captions(doc)
    targets = _targets(doc, words)

    def change(node: Any) -> Any:
        if not isinstance(node, CrossRef) or node.anchor:
            return node
        target = targets.get(node.label)
        if target is None:
            raise ContentError(node.source.path, node.source.line, f"no label '{node.label}' in this document",
                               did_you_mean(node.label, sorted(targets)) if targets
                               else "label a heading, paragraph or caption with {#name} at the end of its line")
        return dataclasses.replace(node, anchor=target.anchor, word=target.word, number=target.number,
                                   kind=target.kind)

    return replace(doc, change)


def _anchor_captions(doc: Document) -> Document:
    """Labelled tables and figures get an anchor to link to."""
    def change(node: Any) -> Any:
        if isinstance(node, (Table, Figure)) and node.label and not node.anchor:
            kind = "table" if isinstance(node, Table) else "figure"
            return dataclasses.replace(node, anchor=f"{kind}-{node.label}")
        return node

    return replace(doc, change)


def _targets(doc: Document, words: ReferenceWords) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    section: list[Target] = []  # the heading the walk is under, for unnumbered paragraphs

    def add(label: str, target: Target) -> None:
        if label in targets:
            raise ContentError(doc.slug, None, f"the label '{label}' is given twice in {doc.slug}",
                               "give each heading, paragraph, table, figure or appendix its own label")
        targets[label] = target

    def heading_target(node: Heading) -> Target:
        number = (node.number or "").rstrip(".")
        if number:
            return Target(node.anchor, words.heading, number, "heading")
        return Target(node.anchor, "", f"‘{plain_text(node.content)}’", "heading")

    def visit(node: Any) -> None:
        if isinstance(node, Heading):
            section[:] = [heading_target(node)]
            if node.label:
                add(node.label, section[0])
        elif isinstance(node, Paragraph) and node.label:
            if node.number:
                add(node.label, Target(node.anchor, words.paragraph, node.number, "paragraph"))
            elif section:
                add(node.label, dataclasses.replace(section[0], anchor=node.anchor))
        elif isinstance(node, (Table, Figure)) and node.label:
            kind: Kind = "table" if isinstance(node, Table) else "figure"
            add(node.label, Target(node.anchor, node.word, node.number or "", kind))

    for part in doc.parts:
        if part.appendix is not None and part.appendix.label:
            add(part.appendix.label, Target(part.appendix.anchor, words.appendix, part.appendix.number or "",
                                            "appendix"))
        walk(part.blocks, visit)
    return targets
