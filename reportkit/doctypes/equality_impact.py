"""An Equality Impact Assessment (EqIA) appended to a report: the activity, its evidence and its impact
on each protected characteristic of the Equality Act 2010, plus carers.

Every characteristic must be answered; a negative impact must name its mitigation and who owns it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field as SchemaField

from ..errors import ContentError, did_you_mean
from ..model import (
    Block,
    Cell,
    Field,
    FieldList,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    Text,
)
from ..read.frontmatter import SourceFile
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of
from .common import PackContext

CHARACTERISTICS = {
    "age": "Age",
    "disability": "Disability",
    "sex": "Sex",
    "gender-identity": "Gender identity and transgender",
    "race": "Race",
    "religion-or-belief": "Religion or belief",
    "sexual-orientation": "Sexual orientation",
    "pregnancy-and-maternity": "Pregnancy and maternity",
    "marriage-and-civil-partnership": "Marriage and civil partnership",
    "carers": "Carers' responsibilities",
}


class Impact(Strict):
    positive: str = ""
    negative: str = ""
    mitigation: str = ""
    officer: str = ""


class EvidenceAnswer(Strict):
    question: str
    answer: str


class EqiaSpec(Strict):
    type: Literal["equality-impact-assessment"]
    title: str = "Equality Impact Assessment"
    orientation: Literal["portrait", "landscape"] = "portrait"
    activity: str
    responsible_officer: str
    approved_by: str
    activity_type: str
    directorate: str
    service: str
    head_of_service: str
    director: str
    aims: str
    evidence: list[EvidenceAnswer] = SchemaField(min_length=1)
    consulted: list[str] = []
    impacted: list[str] = SchemaField(min_length=1)
    impacts: dict[str, Impact]


def _text(value: str) -> tuple[Block, ...]:
    return (Paragraph((Text(value),)),)


def _cell(text: str, header: bool = False) -> Cell:
    return Cell((Text(text),), header=header)


def equality_impact(source: SourceFile, ctx: PackContext) -> tuple[EqiaSpec, list[Block]]:
    spec = validate(EqiaSpec, source.meta, source.path, "the EqIA's front matter")
    for key in spec.impacts:
        if key not in CHARACTERISTICS:
            raise ContentError(source.path, line_of(source.meta, "impacts", key), f"'{key}' is not a protected "
                               "characteristic", did_you_mean(key, list(CHARACTERISTICS)))
    missing = [key for key in CHARACTERISTICS if key not in spec.impacts]
    if missing:
        raise ContentError(source.path, line_of(source.meta, "impacts"), f"no answer for '{missing[0]}'",
                           f"answer all of: {', '.join(CHARACTERISTICS)}")
    for key, impact in spec.impacts.items():
        if impact.negative and not (impact.mitigation and impact.officer):
            raise ContentError(source.path, line_of(source.meta, "impacts", key),
                               f"a negative impact on '{key}' needs its mitigation and responsible officer",
                               "add 'mitigation:' and 'officer:'")
    section_a = FieldList((
        Field("Activity", _text(spec.activity)),
        Field("Responsible officer", _text(spec.responsible_officer)),
        Field("Approved by", _text(spec.approved_by)),
        Field("Type of activity", _text(spec.activity_type)),
        Field("Directorate", _text(spec.directorate)),
        Field("Responsible service", _text(spec.service)),
        Field("Head of service", _text(spec.head_of_service)),
        Field("Director", _text(spec.director)),
        Field("Aims and objectives", _text(spec.aims)),
    ))
    evidence = Table("Evidence", ((_cell("Question", True), _cell("Answer", True)),),
                     tuple((_cell(e.question), _cell(e.answer)) for e in spec.evidence), number="")
    negatives = [(key, i) for key, i in spec.impacts.items() if i.negative]
    positive = Table("Positive impacts", ((_cell("Protected characteristic", True), _cell("Positive impact", True)),),
                     tuple((_cell(CHARACTERISTICS[k], True), _cell(spec.impacts[k].positive or "None identified"))
                           for k in CHARACTERISTICS), number="")
    blocks: list[Block] = [
        Heading(3, (Text("Section A: the activity"),), anchor="eqia-a"), section_a,
        Heading(3, (Text("Section B: evidence"),), anchor="eqia-b"), evidence,
    ]
    if spec.consulted:
        blocks += [Paragraph((Text("Involved, consulted and engaged:"),)),
                   ListBlock(False, tuple(_text(name) for name in spec.consulted))]
    blocks += [Heading(3, (Text("Section C: impact"),), anchor="eqia-c"),
               Paragraph((Text("Who may be affected: " + ", ".join(spec.impacted) + "."),)), positive]
    if negatives:
        header = tuple(_cell(t, True) for t in ("Protected characteristic", "Negative impact", "Mitigating actions",
                                                 "Responsible officer"))
        rows = tuple((_cell(CHARACTERISTICS[k], True), _cell(i.negative), _cell(i.mitigation), _cell(i.officer))
                     for k, i in negatives)
        blocks.append(Table("Negative impacts and mitigating actions", (header,), rows, number=""))
    else:
        blocks.append(Paragraph((Text(f"No negative impact was identified for any of the {len(CHARACTERISTICS)} "
                                      "protected characteristics assessed."),)))
    return spec, blocks
