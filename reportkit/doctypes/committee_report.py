"""A committee or cabinet report: the front sheet fields, the numbered body, generated end sections."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field as SchemaField

from .. import confine
from ..classification import Classification
from ..compute.numbering import appendix_label
from ..errors import ContentError, did_you_mean
from ..model import (
    Appendix,
    Block,
    Document,
    Heading,
    Metadata,
    Paragraph,
    Part,
    Text,
)
from ..read.frontmatter import SourceFile, read_markdown_file
from ..read.markdown import LABEL_NAME, MarkdownReader, inline_markdown
from ..read.schema import NonEmpty, Strict, validate
from ..read.yamlfile import line_of
from ..resolve.placeholders import fill
from ..theme import FRONT_LABELS, ReportLayout
from .common import PackContext, Person, embolden_words, long_date
from .equality_impact import EqiaSpec, equality_impact
from .kpi_dashboard import DashboardSpec, dashboard_blocks
from .record_of_decision import DecisionFacts, RecordOfDecisionSpec, record_of_decision
from .report_layout import check_required, closing_blocks, front_blocks

APPENDIX_TYPES = ("appendix", "kpi-dashboard", "record-of-decision", "equality-impact-assessment")


class Meeting(Strict):
    committee: NonEmpty
    date: date


class BackgroundDocument(Strict):
    title: str
    url: str = SchemaField(pattern=r"^https?://")


class AppendixEntry(Strict):
    title: str = ""
    file: str = ""
    label: str = SchemaField("", pattern=f"^{LABEL_NAME}$|^$")  # for cross-references: {@label}


class CommitteeReportSpec(Strict):
    type: Literal["committee-report"]
    from_: list[Person] = SchemaField(alias="from", min_length=1)
    to: Meeting
    subject: NonEmpty
    classification: Classification = "Unrestricted"
    summary: str = ""  # required or not as the house style says (theme report.required)
    recommendations: str = ""
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
    closing: dict[str, str] = {}  # the words of closing sections the house style adds (equality implications ...)


class AppendixSpec(Strict):
    type: Literal["appendix"]
    title: str
    orientation: Literal["portrait", "landscape"] = "portrait"


def build_committee_report(source: SourceFile, ctx: PackContext) -> Document:
    spec = validate(CommitteeReportSpec, source.meta, source.path, "the report's front matter")
    layout = ctx.theme.spec.report
    values = {key: str(getattr(spec, key)) for key in FRONT_LABELS if key not in ("from", "to")}
    check_required(layout, source.meta, values, source.path)
    _check_closing_keys(spec, layout, source)
    reader = MarkdownReader(source.path, ctx.pack_dir, numbered=True)
    body = reader.read(source.body, source.body_first_line)

    def text_field(key: str, value: str) -> tuple[Block, ...]:
        line = line_of(source.meta, key) or 1
        inlines = inline_markdown(value, reader, line)
        if key == "recommendations":
            inlines = embolden_words(inlines, ctx.theme.spec.wording.recommendation_verbs)
        return (Paragraph(inlines),)

    def section(title: str) -> Heading:
        return Heading(2, (Text(title),), None, reader.anchor(title.lower().replace(" ", "-")), depth=1)

    subject = fill(spec.subject, ctx.values, source.path, line_of(source.meta, "subject") or 1)
    front = front_blocks(layout, spec, subject, values, text_field)
    recommendations = text_field("recommendations", spec.recommendations) if spec.recommendations else ()
    facts = DecisionFacts(subject, spec.decision_number, spec.key_decision, spec.classification)
    appendix_parts, appendix_titles = _appendices(spec, source, ctx, facts)
    closing = closing_blocks(layout, spec, recommendations, appendix_titles, section)
    main = Part((*front, *body, *closing))
    meta = Metadata(
        title=subject,
        subject=f"{spec.to.committee}, {long_date(spec.to.date)}",
        author=", ".join(p.name for p in spec.authors),
        language=ctx.theme.spec.language,
        classification=spec.classification,
        keywords=(ctx.theme.spec.council, spec.to.committee),
    )
    return Document(source.path.stem, meta, (main, *appendix_parts))


def _check_closing_keys(spec: CommitteeReportSpec, layout: ReportLayout, source: SourceFile) -> None:
    known = [s.key for s in layout.closing if s.section == "text"]
    for key in spec.closing:
        if key not in known:
            raise ContentError(source.path, line_of(source.meta, "closing", key), f"this house style has no closing "
                               f"section '{key}'", f"its closing sections are: {', '.join(known) or 'none'}")


def _appendices(spec: CommitteeReportSpec, source: SourceFile, ctx: PackContext,
                facts: DecisionFacts) -> tuple[list[Part], list[str]]:
    """The appendices in this paper as parts, and the list of every appendix ("Appendix A: title")."""
    parts: list[Part] = []
    titles: list[str] = []
    words, scheme = ctx.theme.spec.references, ctx.theme.spec.numbering.appendices
    for index, entry in enumerate(spec.appendices, start=1):
        line = line_of(source.meta, "appendices", index - 1)
        if entry.file:
            path = (source.path.parent / entry.file).resolve()
            if not path.is_relative_to(ctx.pack_dir.resolve()):
                raise ContentError(source.path, line, f"appendix '{entry.file}' is outside the pack",
                                   "keep appendices in the pack folder")
            confine.checked_file(source.path.parent / entry.file, cited_at=(source.path, line))
            orientation, title, body = _appendix_body(read_markdown_file(path), ctx, facts, (source.path, line or 1))
            appendix = Appendix(title, index, entry.label, anchor=f"appendix-{index}")
            parts.append(Part(tuple(body), orientation, appendix=appendix))
        elif entry.title:
            title = entry.title
        else:
            raise ContentError(source.path, line, "an appendix needs a 'file:' or a 'title:'",
                               "give the appendix's Markdown file, or the title of one published separately")
        titles.append(f"{words.appendix} {appendix_label(index, scheme)}: {title}")
    return parts, titles


def _appendix_body(source: SourceFile, ctx: PackContext, facts: DecisionFacts,
                   cited_at: tuple[Path, int]) -> tuple[Literal["portrait", "landscape"], str, list[Block]]:
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
        reader = MarkdownReader(source.path, ctx.pack_dir, heading_offset=2)
        body = reader.read(source.body, source.body_first_line)
    else:
        raise ContentError(source.path, line_of(source.meta, "type") or 2, f"'{kind}' is not an appendix type",
                           did_you_mean(str(kind), APPENDIX_TYPES) if kind else "add 'type: appendix'")
    return spec.orientation, spec.title, list(body)
