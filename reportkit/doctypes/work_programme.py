"""A committee's work programme: the items planned for each coming meeting, and the items it takes regularly."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field as SchemaField

from ..model import Block, Cell, Document, Heading, Metadata, Part, Table, Text
from ..read.frontmatter import SourceFile
from ..read.markdown import MarkdownReader
from ..read.schema import Strict, validate
from .common import PackContext, long_date


class PlannedItem(Strict):
    title: str
    kind: str = ""
    note: str = ""


class PlannedMeeting(Strict):
    date: date
    time: str = ""
    items: list[PlannedItem] = SchemaField(min_length=1)


class RegularItem(Strict):
    title: str
    when: str = ""


class RegularGroup(Strict):
    group: str
    items: list[RegularItem] = SchemaField(min_length=1)


class WorkProgrammeSpec(Strict):
    type: Literal["work-programme"]
    committee: str
    title: str
    meetings: list[PlannedMeeting] = SchemaField(min_length=1)
    regular_items: list[RegularGroup] = []


def _cell(text: str, header: bool = False, numeric: bool = False) -> Cell:
    return Cell((Text(text),), header=header, numeric=numeric)


def build_work_programme(source: SourceFile, ctx: PackContext) -> Document:
    spec = validate(WorkProgrammeSpec, source.meta, source.path, "the work programme's front matter")
    reader = MarkdownReader(source.path, ctx.pack_dir)
    intro = reader.read(source.body, source.body_first_line)
    blocks: list[Block] = [Heading(1, (Text(f"{spec.committee}: {spec.title}"),), anchor="title"), *intro,
                           Heading(2, (Text("Coming meetings"),), anchor="meetings")]
    header = ((_cell("Item", True, True), _cell("Business", True), _cell("Type", True), _cell("Notes", True)),)
    for meeting in sorted(spec.meetings, key=lambda m: m.date):
        when = long_date(meeting.date) + (f" at {meeting.time}" if meeting.time else "")
        rows = tuple((_cell(str(n), numeric=True), _cell(item.title), _cell(item.kind), _cell(item.note))
                     for n, item in enumerate(meeting.items, start=1))
        blocks.append(Table(when, header, rows, number=""))  # headed by their meeting, not numbered
    if spec.regular_items:
        blocks.append(Heading(2, (Text("Items taken regularly"),), anchor="regular"))
        regular_header = ((_cell("Item", True), _cell("When the committee takes it", True)),)
        for group in spec.regular_items:
            regular_rows = tuple((_cell(item.title), _cell(item.when)) for item in group.items)
            blocks.append(Table(group.group, regular_header, regular_rows, number=""))
    title = f"{spec.title}"
    meta = Metadata(title=f"{spec.committee}: {title}", subject=spec.committee, author=spec.committee,
                    language=ctx.theme.spec.language, classification="Unrestricted",
                    keywords=(ctx.theme.spec.council, spec.committee, "work programme"))
    return Document(source.path.stem, meta, (Part(tuple(blocks)),))
