"""The neutral document model: what readers build, the resolve pass completes, and writers render.

Readers leave *pending* nodes where something is worked out later, each with its file and line: a
cited value (:class:`ValueRef`), a cross-reference (:class:`CrossRef` without a target), a data table
or chart (:class:`DataBlock`, :class:`ChartBlock`), a contents list without entries, and numbers not
yet given (``number=None`` on a heading, paragraph, caption or appendix). The transforms of
``reportkit.resolve`` replace every one of them, in a fixed order; writers refuse a model that still
holds one (:func:`pending_nodes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal


@dataclass(frozen=True)
class Source:
    """Where a node was written: errors found while resolving it point here."""

    path: Path
    line: int | None


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


@dataclass(frozen=True)
class ValueRef:
    """Pending: ``{{ name }}`` in prose, a value computed from the pack's data."""

    name: str
    source: Source


@dataclass(frozen=True)
class CrossRef:
    """``{@label}`` in prose: pending until ``anchor`` is set, then printed as ``word number``
    ("paragraph 3.4", "Table 2", "Appendix A"), a link to ``anchor``."""

    label: str
    source: Source
    anchor: str = ""
    word: str = ""
    number: str = ""
    kind: Literal["", "heading", "paragraph", "table", "figure", "appendix"] = ""

    @property
    def text(self) -> str:
        return f"{self.word} {self.number}".strip()


Inline = Text | Strong | Emphasis | Link | LineBreak | PageRange | ValueRef | CrossRef


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
        elif isinstance(inline, CrossRef):
            parts.append(inline.text)
        elif isinstance(inline, ValueRef):
            parts.append("{{ " + inline.name + " }}")
        else:
            parts.append(plain_text(inline.children))
    return "".join(parts)


# ---- blocks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading at output level 1..6 (level 1 is the document title).

    ``number`` None: a section heading that the numbering transform numbers (or leaves unnumbered)
    under the theme's scheme; ``depth`` is its section depth (1 for an author's ``#``), and 0 where a
    document type numbers its own headings (minutes), which writers then print as given.
    """

    level: int
    content: tuple[Inline, ...]
    number: str | None = ""
    anchor: str = ""
    label: str = ""
    depth: int = 0


@dataclass(frozen=True)
class Paragraph:
    """``number`` None: a body paragraph, numbered by the theme's scheme; "" never numbered.
    ``depth`` is the depth of the section it stands in, which hierarchical numbering follows."""

    content: tuple[Inline, ...]
    number: str | None = ""
    anchor: str = ""
    label: str = ""
    depth: int = 0


ListStyle = Literal["bullet", "1.", "1)", "a.", "a)", "(a)", "A.", "A)", "i.", "i)", "(i)", "I.", "I)"]


@dataclass(frozen=True)
class ListBlock:
    """A list; ``style`` is the marker of its first item written as if it were item 1 ("1.", "a)",
    "(i)" ...), and ``start`` the number of its first item. Items hold blocks, nested lists among them."""

    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    style: ListStyle = "bullet"
    start: int = 1


@dataclass(frozen=True)
class Cell:
    """A table cell; ``status`` (green, amber or red) shades a RAG rating whose word it also prints."""

    content: tuple[Inline, ...]
    header: bool = False
    numeric: bool = False
    status: Literal["", "green", "amber", "red"] = ""
    blocks: tuple[Block, ...] = ()  # paragraphs and lists, in place of ``content`` (two-column tables)


class Captioned:
    """Tables and figures: ``word`` and ``number`` ("Table", "2") are given by the numbering transform."""

    caption: str
    word: str
    number: str | None

    @property
    def label_text(self) -> str:
        """'Table 2', the part of the caption a cross-reference repeats."""
        return f"{self.word} {self.number}" if self.number else self.word

    @property
    def caption_line(self) -> str:
        """'Table 2: Care needs assessments by quarter'."""
        label = self.label_text
        return f"{label}: {self.caption}" if label and self.caption else label or self.caption


@dataclass(frozen=True)
class Table(Captioned):
    """A data table: header rows, body rows; every row has the same number of cells."""

    caption: str
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()
    number: str | None = None
    word: str = ""
    anchor: str = ""
    label: str = ""


@dataclass(frozen=True)
class Figure(Captioned):
    """A picture on disk (a drawn chart or an image from the pack), always with alt text."""

    image: Path
    alt: str
    caption: str
    width_mm: float
    height_mm: float
    notes: tuple[str, ...] = ()
    number: str | None = None
    word: str = ""
    anchor: str = ""
    label: str = ""
    data: Table | None = None  # a chart's values as a table (the web edition offers it beside the chart)


@dataclass(frozen=True)
class DataBlock:
    """Pending: a ```table or ```chart block, its YAML read and checked, its data not yet looked up."""

    kind: Literal["table", "chart"]
    spec: Any  # the validated TableSpec or ChartSpec
    raw: Any  # the YAML as read, for the lines of its keys
    source: Source
    label: str = ""


@dataclass(frozen=True)
class ChartBlock:
    """Pending: a chart whose data is computed, to be drawn (or, for a check, only placed)."""

    data: Any  # charts.ChartData
    notes: tuple[str, ...]
    alt: str | None
    source: Source
    label: str = ""


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
    level: int = 0  # the title's heading level, set by the resolve pass (0: no title)


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
    """A list of the document's headings; each writer adds the page numbers its own way.

    ``entries`` None: pending, filled by the contents transform from the headings at ``levels``."""

    title: str
    entries: tuple[ContentsEntry, ...] | None
    level: int = 2
    anchor: str = "contents"
    levels: tuple[int, ...] = (2, 3)


@dataclass(frozen=True)
class PageSetup:
    """Where an author starts a new run of pages: only between readers and doctypes, never written."""

    orientation: Literal["portrait", "landscape"]


Block = (Heading | Paragraph | ListBlock | Table | Figure | FieldList | Callout | Cover | Contents | DataBlock
         | ChartBlock)


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
    appendix: Appendix | None = None


@dataclass(frozen=True)
class Appendix:
    """The part is an appendix: its label ("1", "A") comes from the numbering transform, which also
    writes its heading ("Appendix A: title") and running header."""

    title: str
    index: int  # its place in the report's list of appendices, from 1
    label: str = ""  # a cross-reference label the author gave it
    number: str | None = None
    anchor: str = ""


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
    """One publishable paper: written once to PDF and once to DOCX.

    ``values`` are named values the document type worked out for itself (a self-assessment's scores),
    cited like the pack's own.
    """

    slug: str
    meta: Metadata
    parts: tuple[Part, ...]
    values: dict[str, Any] = field(default_factory=dict)


PENDING = (ValueRef, DataBlock, ChartBlock)


def pending_nodes(doc: Document) -> list[Any]:
    """Every node the resolve pass has not completed (writers refuse a document that has any)."""
    from .walk import walk

    found: list[Any] = []

    def visit(node: Any) -> None:
        if (isinstance(node, PENDING)
                or (isinstance(node, CrossRef) and not node.anchor)
                or (isinstance(node, (Heading, Paragraph, Table, Figure)) and node.number is None)
                or (isinstance(node, Contents) and node.entries is None)
                or (isinstance(node, Callout) and node.title and not node.level)
                or (isinstance(node, Appendix) and node.number is None)):
            found.append(node)

    walk(doc, visit)
    return found
