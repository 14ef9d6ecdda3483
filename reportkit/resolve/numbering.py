"""The numbering transform: section, paragraph, appendix and caption numbers under the theme's scheme.

Readers leave ``number=None`` on body headings and paragraphs, tables and figures, and appendices;
this transform is the one place that counts them. Schemes (theme ``numbering:``):

- paragraphs ``hierarchical`` (Kent): a ``#`` heading is 1., its paragraphs 1.1, 1.2; a ``##``
  heading takes the next number at that level (1.3) and its paragraphs 1.3.1, 1.3.2; at the third
  level paragraphs continue the heading's sequence (1.3.3 heading, 1.3.4 paragraph);
  ``flat``: paragraphs 1, 2, 3 ... through the document; ``none``.
- headings numbered or not (with ``flat``, numbered headings count 1., 2. on their own).
- appendices ``numbers`` (Appendix 1) or ``letters`` (Appendix A).
- captions per ``document`` (Table 1, 2 ... appendices included) or per ``appendix`` (Table A.1).
- sub-points: a list straight after a numbered paragraph kept ``as written``, or lettered "a)" etc.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, cast

from ..compute.numbering import appendix_label
from ..model import Block, Document, Figure, Heading, ListBlock, ListStyle, Paragraph, Part, Table, Text
from ..theme import Numbering, ReferenceWords
from ..walk import replace

MAX_DEPTH = 3


@dataclass
class _Counters:
    scheme: Numbering
    sections: list[int] = field(default_factory=lambda: [0] * MAX_DEPTH)
    flat_paragraphs: int = 0
    flat_headings: int = 0
    captions: dict[str, int] = field(default_factory=dict)

    def heading(self, depth: int) -> str:
        if self.scheme.paragraphs == "flat":
            if depth > 1 or not self.scheme.headings:
                return ""
            self.flat_headings += 1
            return f"{self.flat_headings}."
        label = self._count(depth)
        return label if self.scheme.headings else ""

    def paragraph(self, depth: int) -> str:
        if self.scheme.paragraphs == "none" or depth == 0:
            return ""
        if self.scheme.paragraphs == "flat":
            self.flat_paragraphs += 1
            return f"{self.flat_paragraphs}."
        return self._count(min(depth + 1, MAX_DEPTH))

    def _count(self, level: int) -> str:
        self.sections[level - 1] += 1
        self.sections[level:] = [0] * (MAX_DEPTH - level)
        label = ".".join(str(n) for n in self.sections[:level])
        return f"{label}." if level == 1 else label

    def caption(self, kind: str, appendix: str) -> str:
        key = f"{kind}:{appendix}" if self.scheme.captions == "appendix" else kind
        self.captions[key] = self.captions.get(key, 0) + 1
        number = str(self.captions[key])
        return f"{appendix}.{number}" if appendix and self.scheme.captions == "appendix" else number


def number_document(doc: Document, scheme: Numbering, words: ReferenceWords) -> Document:
    counters = _Counters(scheme)
    return dataclasses.replace(doc, parts=tuple(_number_part(part, counters, words) for part in doc.parts))


def _number_part(part: Part, counters: _Counters, words: ReferenceWords) -> Part:
    appendix = ""
    if part.appendix is not None:
        appendix = part.appendix.number or appendix_label(part.appendix.index, counters.scheme.appendices)
        title = f"{words.appendix} {appendix}"
        heading = Heading(2, (Text(f"{title}: {part.appendix.title}"),), "", part.appendix.anchor)
        part = dataclasses.replace(part, blocks=(heading, *part.blocks), running_header=title,
                                   appendix=dataclasses.replace(part.appendix, number=appendix))

    def change(node: Any) -> Any:
        if isinstance(node, Heading) and node.number is None:
            return dataclasses.replace(node, number=counters.heading(node.depth))
        if isinstance(node, Paragraph) and node.number is None:
            return dataclasses.replace(node, number=counters.paragraph(node.depth))
        if isinstance(node, (Table, Figure)) and node.number is None:
            kind = "table" if isinstance(node, Table) else "figure"
            numbered = dataclasses.replace(node, number=counters.caption(kind, appendix), word=getattr(words, kind))
            if isinstance(numbered, Figure) and numbered.data is not None:  # a chart's data says whose it is
                numbered = dataclasses.replace(numbered, data=dataclasses.replace(
                    numbered.data, caption=f"Data for {numbered.caption_line}"))
            return numbered
        return node

    part = replace(part, change)
    if counters.scheme.sub_points != "as written":
        part = dataclasses.replace(part, blocks=_lettered_sub_points(part.blocks, counters.scheme.sub_points))
    return part


def _lettered_sub_points(blocks: tuple[Block, ...], style: str) -> tuple[Block, ...]:
    """A list straight after a numbered paragraph is that paragraph's points, styled as the house style says."""
    result = list(blocks)
    for index in range(1, len(result)):
        before, block = result[index - 1], result[index]
        if isinstance(block, ListBlock) and isinstance(before, Paragraph) and before.number:
            result[index] = dataclasses.replace(block, ordered=True, style=cast(ListStyle, style), start=1)
    return tuple(result)
