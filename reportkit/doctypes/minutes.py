"""Minutes of a meeting: numbered minutes continuing from the last meeting, who was there, RESOLVED lines.

Each ``##`` heading is one minute and ends with the agenda item it records, "(Item 4)". The
toolkit numbers the minutes from ``first_minute`` and the paragraphs inside a minute itself.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field as SchemaField

from ..errors import ContentError
from ..model import (
    Block,
    Document,
    Field,
    FieldList,
    Heading,
    Metadata,
    Paragraph,
    Part,
    Text,
)
from ..read.frontmatter import SourceFile
from ..read.markdown import MarkdownReader
from ..read.schema import Strict, validate
from .common import PackContext, embolden_words, long_date, weekday_date

MINUTE_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*\(Item\.?\s*(?P<item>\d+)\)\s*$")


class Attendee(Strict):
    name: str
    role: str


class MinutesSpec(Strict):
    type: Literal["minutes"]
    committee: str
    date: date
    venue: str
    first_minute: int = SchemaField(ge=1)
    present: list[str] = SchemaField(min_length=1)
    also_present: list[str] = []
    in_attendance: list[Attendee] = []


def build_minutes(source: SourceFile, ctx: PackContext) -> Document:
    spec = validate(MinutesSpec, source.meta, source.path, "the minutes' front matter")
    title = f"Minutes of the meeting held on {long_date(spec.date)}"
    opening = Paragraph((Text(f"Minutes of a meeting of the {spec.committee} held at {spec.venue} on "
                              f"{weekday_date(spec.date)}."),))
    fields = [Field("Present", (Paragraph((Text(", ".join(spec.present)),)),))]
    if spec.also_present:
        fields.append(Field("Also present", (Paragraph((Text(", ".join(spec.also_present)),)),)))
    if spec.in_attendance:
        people = ", ".join(f"{a.name} ({a.role})" for a in spec.in_attendance)
        fields.append(Field("In attendance", (Paragraph((Text(people),)),)))
    body = source.body
    blocks = [Heading(1, (Text(title),), anchor="title"), opening, FieldList(tuple(fields)),
              *_minutes(body, source, ctx, spec.first_minute)]
    meta = Metadata(title=title, subject=f"{spec.committee}, {long_date(spec.date)}", author=spec.committee,
                    language=ctx.theme.spec.language, classification="Unrestricted",
                    keywords=(ctx.theme.spec.council, spec.committee, "minutes"))
    return Document(source.path.stem, meta, (Part(tuple(blocks)),))


def _minutes(body: str, source: SourceFile, ctx: PackContext, first: int) -> list[Block]:
    lines = body.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("#")]
    before = "\n".join(lines[:starts[0]] if starts else lines).strip()
    if before or not starts:
        line = source.body_first_line + next((i for i, t in enumerate(lines) if t.strip()), 0)
        raise ContentError(source.path, line, "text before the first minute",
                           "start each minute with a heading such as '## Apologies and Substitutes (Item 2)'")
    blocks: list[Block] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)]), start=first):
        at = source.body_first_line + start
        heading = MINUTE_HEADING.match(lines[start])
        if heading is None:
            raise ContentError(source.path, at, "a minute heading must be '## Title (Item N)'",
                               "use two #s and end with the agenda item it records, e.g. '(Item 4)'")
        text = ctx.theme.spec.meeting.minute_heading.replace("{title}", heading["title"]).replace(
            "{item}", heading["item"])
        blocks.append(Heading(2, (Text(text),), f"{number}.", f"minute-{number}"))
        reader = MarkdownReader(source.path, ctx.pack_dir,
                                anchor_prefix=f"minute-{number}-")
        section = reader.read("\n".join(lines[start + 1:end]), at + 1)
        if any(isinstance(b, Heading) for b in section):
            raise ContentError(source.path, at, "a minute cannot hold sub-headings",
                               "make each '##' heading its own minute, and use lists for points within one")
        blocks += _numbered(section)
    return blocks


def _numbered(section: list[Block]) -> list[Block]:
    """Paragraphs 1, 2, 3 within a minute (none when it has just one); RESOLVED in bold."""
    count = sum(isinstance(b, Paragraph) for b in section)
    numbered: list[Block] = []
    n = 0
    for block in section:
        if isinstance(block, Paragraph):
            n += 1
            block = Paragraph(embolden_words(block.content, ["RESOLVED"]), f"{n}." if count > 1 else "")
        numbered.append(block)
    return numbered
