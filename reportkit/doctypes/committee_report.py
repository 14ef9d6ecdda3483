"""A committee or cabinet report: the front sheet fields, the numbered body, generated end sections."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field as SchemaField

from .. import confine
from ..classification import Classification
from ..errors import ContentError, did_you_mean
from ..model import (
    Block,
    Document,
    Field,
    FieldList,
    Heading,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Part,
    Text,
)
from ..read.frontmatter import SourceFile, read_markdown_file
from ..read.markdown import MarkdownReader, SectionNumbers, inline_markdown
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of
from ..resolve.placeholders import fill
from .common import PackContext, Person, contact_block, embolden_words, long_date
from .equality_impact import EqiaSpec, equality_impact
from .kpi_dashboard import DashboardSpec, dashboard_blocks
from .record_of_decision import DecisionFacts, RecordOfDecisionSpec, record_of_decision

APPENDIX_TYPES = ("appendix", "kpi-dashboard", "record-of-decision", "equality-impact-assessment")


class Meeting(Strict):
    committee: str
    date: date


class BackgroundDocument(Strict):
    title: str
    url: str = SchemaField(pattern=r"^https?://")


class AppendixEntry(Strict):
    title: str = ""
    file: str = ""


class CommitteeReportSpec(Strict):
    type: Literal["committee-report"]
    from_: list[Person] = SchemaField(alias="from", min_length=1)
    to: Meeting
    subject: str
    classification: Classification = "Unrestricted"
    summary: str
    recommendations: str
    decision_number: str = ""
    key_decision: str = ""
    electoral_divisions: str = ""
    call_in: str = ""
    past_pathway: str = ""
    future_pathway: str = ""
    background_documents: list[BackgroundDocument] = []
    appendices: list[AppendixEntry] = []
    authors: list[Person] = SchemaField(min_length=1)
    directors: list[Person] = []


class AppendixSpec(Strict):
    type: Literal["appendix"]
    title: str
    orientation: Literal["portrait", "landscape"] = "portrait"


def build_committee_report(source: SourceFile, ctx: PackContext) -> Document:
    spec = validate(CommitteeReportSpec, source.meta, source.path, "the report's front matter")
    numbers = SectionNumbers()
    reader = MarkdownReader(source.path, ctx.pack_dir, ctx.data, numbers)
    body = reader.read(fill(source.body, ctx.values, source.path, source.body_first_line), source.body_first_line)

    def text_field(key: str, value: str) -> tuple[Block, ...]:
        line = line_of(source.meta, key) or 1
        inlines = inline_markdown(fill(value, ctx.values, source.path, line), reader, line)
        if key == "recommendations":
            inlines = embolden_words(inlines, ctx.theme.spec.wording.recommendation_verbs)
        return (Paragraph(inlines),)

    subject = fill(spec.subject, ctx.values, source.path, line_of(source.meta, "subject") or 1)
    fields = [
        Field("From", tuple(Paragraph((Text(f"{p.name}, {p.role}"),)) for p in spec.from_)),
        Field("To", (Paragraph((Text(f"{spec.to.committee} – {long_date(spec.to.date)}"),)),)),
        Field("Subject", (Paragraph((Text(subject),)),)),
    ]
    optional = [("Decision number", spec.decision_number), ("Key decision", spec.key_decision),
                ("Classification", spec.classification), ("Past pathway of report", spec.past_pathway),
                ("Future pathway of report", spec.future_pathway),
                ("Electoral divisions", spec.electoral_divisions), ("Call-in", spec.call_in)]
    fields += [Field(label, (Paragraph((Text(value),)),)) for label, value in optional if value]
    recommendations = text_field("recommendations", spec.recommendations)
    fields += [Field("Summary", text_field("summary", spec.summary)), Field("Recommendation(s)", recommendations)]

    facts = DecisionFacts(subject, spec.decision_number, spec.key_decision, spec.classification)
    appendix_parts, appendix_titles = _appendices(spec, source, ctx, facts)
    closing = _closing_sections(spec, numbers, recommendations, appendix_titles)
    title = Heading(1, (Text(subject),), anchor="title")
    main = Part((title, FieldList(tuple(fields)), *body, *closing))
    meta = Metadata(
        title=subject,
        subject=f"{spec.to.committee}, {long_date(spec.to.date)}",
        author=", ".join(p.name for p in spec.authors),
        language=ctx.theme.spec.language,
        classification=spec.classification,
        keywords=(ctx.theme.spec.council, spec.to.committee),
    )
    return Document(source.path.stem, meta, (main, *appendix_parts))


def _closing_sections(spec: CommitteeReportSpec, numbers: SectionNumbers, recommendations: tuple[Block, ...],
                      appendix_titles: list[str]) -> list[Block]:
    def section(title: str, blocks: list[Block]) -> list[Block]:
        number = numbers.heading(1)
        anchor = "s-" + number.rstrip(".")
        return [Heading(2, (Text(title),), number, anchor), *blocks]

    blocks = section("Recommendations", [])
    blocks += [Paragraph(rec.content, numbers.paragraph()) for rec in recommendations
               if isinstance(rec, Paragraph)]
    if spec.background_documents:
        items = tuple((Paragraph((Link(d.url, (Text(d.title),)),)),) for d in spec.background_documents)
        blocks += section("Background documents", [ListBlock(False, items)])
    if appendix_titles:
        items = tuple((Paragraph((Text(t),)),) for t in appendix_titles)
        blocks += section("Appendices", [ListBlock(False, items)])
    blocks += section("Report authors", [contact_block(p) for p in spec.authors])
    if spec.directors:
        blocks.append(Heading(3, (Text("Relevant directors"),), anchor="relevant-directors"))
        blocks += [contact_block(p) for p in spec.directors]
    return blocks


def _appendices(spec: CommitteeReportSpec, source: SourceFile, ctx: PackContext,
                facts: DecisionFacts) -> tuple[list[Part], list[str]]:
    parts: list[Part] = []
    titles: list[str] = []
    for index, entry in enumerate(spec.appendices, start=1):
        line = line_of(source.meta, "appendices", index - 1)
        if entry.file:
            path = (source.path.parent / entry.file).resolve()
            if not path.is_relative_to(ctx.pack_dir.resolve()):
                raise ContentError(source.path, line, f"appendix '{entry.file}' is outside the pack",
                                   "keep appendices in the pack folder")
            confine.checked_file(source.path.parent / entry.file, cited_at=(source.path, line))
            part, title = _appendix_part(index, read_markdown_file(path), ctx, facts, (source.path, line or 1))
            parts.append(part)
        elif entry.title:
            title = entry.title
        else:
            raise ContentError(source.path, line, "an appendix needs a 'file:' or a 'title:'",
                               "give the appendix's Markdown file, or the title of one published separately")
        titles.append(f"Appendix {index}: {title}")
    return parts, titles


def _appendix_part(index: int, source: SourceFile, ctx: PackContext, facts: DecisionFacts,
                   cited_at: tuple[Path, int]) -> tuple[Part, str]:
    kind = source.meta.get("type")
    spec: AppendixSpec | DashboardSpec | RecordOfDecisionSpec | EqiaSpec
    if kind == "kpi-dashboard":
        spec, body = dashboard_blocks(source, ctx)
    elif kind == "record-of-decision":
        spec, body = record_of_decision(source, ctx, facts, cited_at)
    elif kind == "equality-impact-assessment":
        spec, body = equality_impact(source, ctx)
    elif kind == "appendix":
        spec = validate(AppendixSpec, source.meta, source.path, "the appendix's front matter")
        reader = MarkdownReader(source.path, ctx.pack_dir, ctx.data, SectionNumbers(numbered=False), heading_offset=2)
        body = reader.read(fill(source.body, ctx.values, source.path, source.body_first_line), source.body_first_line)
    else:
        raise ContentError(source.path, line_of(source.meta, "type") or 2, f"'{kind}' is not an appendix type",
                           did_you_mean(str(kind), APPENDIX_TYPES) if kind else "add 'type: appendix'")
    heading = Heading(2, (Text(f"Appendix {index}: {spec.title}"),), anchor=f"appendix-{index}")
    return Part((heading, *body), spec.orientation, f"Appendix {index}"), spec.title

