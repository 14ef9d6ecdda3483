"""A committee report's front block and closing sections, laid out as the theme's ``report:`` says.

Kent opens with a table of fields (From, To, Subject ... Recommendation(s)) and closes with
Recommendations, Background documents, Appendices and Report authors; another council may open
with a banner and close with Appendices, Background papers and Officers to contact. Which fields,
their labels and order, which are required, and the closing sections with their titles all come
from the theme, so the same content builds in either style.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ..errors import ContentError
from ..model import Block, Field, FieldList, Heading, Link, ListBlock, Paragraph, Strong, Text
from ..read.yamlfile import line_of
from ..theme import ClosingSection, ReportLayout
from .common import Person, contact_block, long_date


class ReportFacts(Protocol):
    """What the layout reads of a report's front matter (the committee report's spec)."""

    from_: list[Person]
    subject: str
    summary: str
    recommendations: str
    background_documents: list
    authors: list[Person]
    directors: list[Person]
    closing: dict[str, str]

    @property
    def to(self) -> object: ...


TextField = Callable[[str, str], tuple[Block, ...]]  # front-matter key and its text -> blocks
Section = Callable[[str], Heading]  # a numbered closing-section heading with this title


def check_required(layout: ReportLayout, meta: dict, values: dict[str, str], path: Path) -> None:
    """Every front field the house style requires is there and says something."""
    for key in layout.required:
        if key in ("from", "to", "subject"):
            continue  # the schema requires these in every style
        if not values.get(key, "").strip():
            line = line_of(meta, key) or getattr(meta, "line", None) or 1
            state = "is empty" if key in meta else "is missing"
            raise ContentError(path, line, f"'{key}' {state}: this house style requires it",
                               f"write the report's {key.replace('_', ' ')} in the front matter")


def front_blocks(layout: ReportLayout, facts: ReportFacts, subject: str, values: dict[str, str],
                 text_field: TextField) -> list[Block]:
    """The title and the fields (or banner) that open the report."""
    to = facts.to
    committee_line = f"{to.committee} – {long_date(to.date)}"  # type: ignore[attr-defined]
    fields = []
    for wanted in layout.front.fields:
        key = wanted.field
        if key == "from":
            blocks: tuple[Block, ...] = tuple(Paragraph((Text(f"{p.name}, {p.role}"),)) for p in facts.from_)
        elif key == "to":
            blocks = (Paragraph((Text(committee_line),)),)
        elif key == "subject":
            blocks = (Paragraph((Text(subject),)),)
        elif key in ("summary", "recommendations"):
            if not values.get(key):
                continue
            blocks = text_field(key, values[key])
        elif values.get(key):
            blocks = (Paragraph((Text(values[key]),)),)
        else:
            continue
        fields.append(Field(wanted.printed_label, blocks))
    title = Heading(1, (Text(subject),), anchor="title")
    opening: list[Block] = [title]
    if layout.front.style == "banner":
        roles = " and ".join(p.role for p in facts.from_)
        opening = [Paragraph((Strong((Text(committee_line),)),)), title,
                   *(Paragraph((Text(line.replace("{from}", roles)),)) for line in layout.front.banner_lines)]
    return [*opening, *([FieldList(tuple(fields))] if fields else [])]


def closing_blocks(layout: ReportLayout, facts: ReportFacts, recommendations: tuple[Block, ...],
                   appendix_titles: list[str], section: Section) -> list[Block]:
    """The sections the toolkit writes at the end, in the house style's order; empty ones are left out."""
    blocks: list[Block] = []
    previous = ""
    for wanted in layout.closing:
        body = _section_body(wanted, facts, recommendations, appendix_titles, layout)
        if not body:
            continue
        if wanted.section == "directors" and previous == "authors":  # Kent: a sub-heading under the authors
            blocks.append(Heading(3, (Text(wanted.printed_title),), anchor="relevant-directors"))
        else:
            blocks.append(section(wanted.printed_title))
        blocks += body
        previous = wanted.section
    return blocks


def _section_body(wanted: ClosingSection, facts: ReportFacts, recommendations: tuple[Block, ...],
                  appendix_titles: list[str], layout: ReportLayout) -> list[Block]:
    kind = wanted.section
    if kind == "recommendations":
        return [Paragraph(r.content, None, depth=1) for r in recommendations if isinstance(r, Paragraph)]
    if kind == "background" and facts.background_documents:
        return [ListBlock(False, tuple((Paragraph((Link(d.url, (Text(d.title),)),)),)
                                       for d in facts.background_documents))]
    if kind == "appendices" and appendix_titles:
        return [ListBlock(False, tuple((Paragraph((Text(t),)),) for t in appendix_titles))]
    if kind in ("authors", "directors"):
        people = facts.authors if kind == "authors" else facts.directors
        return [contact_block(p, layout.contacts) for p in people]
    if kind == "text" and facts.closing.get(wanted.key, "").strip():
        return [Paragraph((Text(facts.closing[wanted.key]),), None, depth=1)]
    return []
