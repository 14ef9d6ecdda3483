"""The Proposed Record of Decision appended to a key decision report.

Its decision number, key-decision reason, classification and subject come from the report's own
front matter, so they are typed once; the author writes only the decision and its reasons.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ContentError
from ..model import (
    Block,
    Field,
    FieldList,
    Heading,
    ListBlock,
    Paragraph,
    Text,
    plain_text,
)
from ..read.frontmatter import SourceFile
from ..read.markdown import MarkdownReader
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of
from .common import PackContext, embolden_words

REQUIRED_SECTIONS = ("Decision", "Reason(s) for decision", "Any alternatives considered and rejected")


@dataclass(frozen=True)
class DecisionFacts:
    """What the report says about the decision, shown again on its record."""

    subject: str
    decision_number: str
    key_decision: str
    classification: str


class RecordOfDecisionSpec(Strict):
    type: Literal["record-of-decision"]
    title: str = "Proposed Record of Decision"
    decision_by: str
    orientation: Literal["portrait", "landscape"] = "portrait"


def record_of_decision(source: SourceFile, ctx: PackContext, facts: DecisionFacts,
                       cited_at: tuple[Path, int]) -> tuple[RecordOfDecisionSpec, list[Block]]:
    spec = validate(RecordOfDecisionSpec, source.meta, source.path, "the record of decision's front matter")
    if not facts.decision_number or not facts.key_decision:
        raise ContentError(cited_at[0], cited_at[1], "a record of decision needs the report's decision number "
                           "and key decision", "add 'decision_number:' and 'key_decision:' to the report")
    public = facts.classification.lower().startswith("unrestricted")
    fields = FieldList((
        Field("Decision to be taken by", (Paragraph((Text(spec.decision_by),)),)),
        Field("Decision number", (Paragraph((Text(facts.decision_number),)),)),
        Field("For publication", (Paragraph((Text("Yes" if public else f"No: {facts.classification}"),)),)),
        Field("Key decision", (Paragraph((Text(facts.key_decision),)),)),
        Field("Subject of decision", (Paragraph((Text(facts.subject),)),)),
    ))
    reader = MarkdownReader(source.path, ctx.pack_dir,
                            heading_offset=2, anchor_prefix="rod-")
    body = reader.read(source.body, source.body_first_line)
    sections = {plain_text(b.content).strip().lower() for b in body if isinstance(b, Heading) and b.level == 3}
    missing = [s for s in REQUIRED_SECTIONS if s.lower() not in sections]
    if missing:
        raise ContentError(source.path, line_of(source.meta, "type") or 2,
                           f"the record of decision has no '{missing[0]}' section",
                           f"add a heading '# {missing[0]}'")
    verbs = ctx.theme.spec.wording.recommendation_verbs
    signature = Paragraph((Text("Signed: ...................................   Date: ..................."),))
    return spec, [fields, *(_embolden(b, verbs) for b in body), signature]


def _embolden(block: Block, verbs: list[str]) -> Block:
    """The decision's verbs (APPROVE, DELEGATE ...) in bold, as in the report's recommendations."""
    if isinstance(block, Paragraph):
        return Paragraph(embolden_words(block.content, verbs), block.number)
    if isinstance(block, ListBlock):
        return dataclasses.replace(block, items=tuple(tuple(_embolden(b, verbs) for b in item) for item in block.items))
    return block
