"""The neutral document model: what both writers render, and all they know.

Readers build it; writers walk it. Everything here is already resolved: numbers are formatted,
paragraphs are numbered, charts are drawn to image files, captions carry their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Union

# ---- inlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class PageRange:
    """"(Pages x - y)" for a run of a bound pack: the pages where two anchors land, filled in by each writer."""

    start: str
    end: str


Inline = Union[Text, Strong, Emphasis, Link, LineBreak, PageRange]


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inlines without formatting (for titles, alt text and bookmarks)."""
    parts: list[str] = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(inline.text)
        elif isinstance(inline, LineBreak):
            parts.append(" ")
        elif isinstance(inline, PageRange):
            continue
        else:
            parts.append(plain_text(inline.children))
    return "".join(parts)


# ---- blocks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading at output level 1..6 (level 1 is the document title)."""

    level: int
    content: tuple[Inline, ...]
    number: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    content: tuple[Inline, ...]
    number: str = ""


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class Cell:
    """A table cell; ``status`` (green, amber or red) shades a RAG rating whose word it also prints."""

    content: tuple[Inline, ...]
    header: bool = False
    numeric: bool = False
    status: Literal["", "green", "amber", "red"] = ""
    blocks: tuple[Block, ...] = ()  # paragraphs and lists, in place of ``content`` (two-column tables)


@dataclass(frozen=True)
class Table:
    """A data table: header rows, body rows; every row has the same number of cells."""

    caption: str
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A picture on disk (a drawn chart or an image from the pack), always with alt text."""

    image: Path
    alt: str
    caption: str
    width_mm: float
    height_mm: float
    notes: tuple[str, ...] = ()
    data: Table | None = None  # a chart's values as a table (the web edition offers it beside the chart)


@dataclass(frozen=True)
class Field:
    label: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class FieldList:
    """The labelled fields that open a committee report (From, To, Subject ...)."""

    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Callout:
    """A boxed aside: a case study (box), a pull quote, key figures, or how to get other formats."""

    title: str
    blocks: tuple[Block, ...]
    kind: Literal["box", "quote", "figures", "contact"] = "box"


@dataclass(frozen=True)
class Cover:
    """A title page: the document's title, what it is and who publishes it."""

    title: str
    subtitle: str
    organisation: str
    date: str
    level: int = 1  # the title's heading level (2 once the document is bound into a pack)
    anchor: str = "title"


@dataclass(frozen=True)
class ContentsEntry:
    level: int  # the heading's output level
    text: str
    anchor: str


@dataclass(frozen=True)
class Contents:
    """A list of the document's headings; each writer adds the page numbers its own way."""

    title: str
    entries: tuple[ContentsEntry, ...]
    level: int = 2
    anchor: str = "contents"


@dataclass(frozen=True)
class PageSetup:
    """Where an author starts a new run of pages: only between readers and doctypes, never written."""

    orientation: Literal["portrait", "landscape"]


Block = Union[Heading, Paragraph, ListBlock, Table, Figure, FieldList, Callout, Cover, Contents]


@dataclass(frozen=True)
class Part:
    """A run of pages: the report body, or an appendix that starts on a new page.

    The last five fields bind papers into a meeting pack: ``start="right"`` begins the part on a
    right-hand page (a blank page goes before it if needed), ``unnumbered`` pages (the front sheet)
    are not counted, ``outline`` is a bookmark above the part's own headings, and ``anchor`` and
    ``end_anchor`` mark where the part starts and ends so a page range can point at them.
    """

    blocks: tuple[Block, ...]
    orientation: Literal["portrait", "landscape"] = "portrait"
    running_header: str = ""
    start: Literal["page", "right"] = "page"
    unnumbered: bool = False
    outline: str = ""
    anchor: str = ""
    end_anchor: str = ""


@dataclass(frozen=True)
class Metadata:
    title: str
    subject: str
    author: str
    language: str
    classification: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """One publishable paper: written once to PDF and once to DOCX."""

    slug: str
    meta: Metadata
    parts: tuple[Part, ...]
