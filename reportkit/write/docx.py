"""The model to Word (.docx) with python-docx: built-in styles from the theme, real tables and fields."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from ..model import (
    Block,
    Callout,
    Contents,
    Cover,
    Document,
    Emphasis,
    FieldList,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    PageRange,
    Paragraph,
    Strong,
    Table,
    Text,
)
from ..theme import Theme
from . import ooxml
from .docx_styles import remember_style_ids

NUMBER_INDENT_CM = 1.4
FIELD_LABEL_CM = 4.5


def _rgb(colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an HTML anchor: a letter first, then letters, digits and _, at most 40."""
    return ("h_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]


class DocxWriter:
    def __init__(self, theme: Theme, page_numbers: dict[str, int] | None = None) -> None:
        """``page_numbers`` (anchor -> page, from the PDF's layout) pre-fill the table of contents."""
        from docx import Document as NewDocument

        self.theme = theme.spec
        self.footer_pieces = theme.footer_pieces()
        self.page_numbers = page_numbers or {}
        self.docx = NewDocument()
        remember_style_ids(self.docx)
        self.figures = 0
        self.bookmarks = 0
        self._styles()

    # -- set-up ------------------------------------------------------------------------------

    def _styles(self) -> None:
        from docx.shared import Pt

        spec = self.theme
        styles = self.docx.styles
        for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption", "Header", "Footer",
                     "List Bullet", "List Number", "Table Grid", "Title"):
            ooxml.set_font(styles[name], spec.fonts.word_family)
        for name in ("Header", "Footer"):
            styles[name].font.size = Pt(spec.sizes.small)
            styles[name].paragraph_format.tab_stops.clear_all()
        normal = styles["Normal"]
        normal.font.size = Pt(spec.sizes.body)
        normal.font.color.rgb = _rgb(spec.colours.text)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        sizes = {1: spec.sizes.title, 2: spec.sizes.heading1, 3: spec.sizes.heading2, 4: spec.sizes.heading3}
        for level, size in sizes.items():
            style = styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = _rgb(spec.colours.heading)
            style.paragraph_format.space_before = Pt(12 if level > 1 else 0)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        caption = styles["Caption"]
        caption.font.size = Pt(spec.sizes.body)
        caption.font.bold = True
        caption.font.italic = False
        caption.font.color.rgb = _rgb(spec.colours.text)
        caption.paragraph_format.keep_with_next = True
        ooxml.set_language(self.docx, self.theme.language)
        ooxml.set_update_fields(self.docx)

    def _page(self, section: Any, orientation: str, classification: str, running_header: str) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        margins = self.theme.page.margins_mm
        long, short = Mm(297), Mm(210)
        landscape = orientation == "landscape"
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
        section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        self._header(section, classification, running_header)
        self._footer(section, self.footer_pieces)

    def _header(self, section: Any, classification: str, running_header: str) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Pt

        paragraph = section.header.paragraphs[0]
        paragraph.text = ""
        width = section.page_width - section.left_margin - section.right_margin
        paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        left = self.theme.wording.header_left + (f" – {running_header}" if running_header else "")
        run = paragraph.add_run(f"{left}\t")
        bold = paragraph.add_run(classification)
        bold.bold = True
        for r in (run, bold):
            r.font.size = Pt(self.theme.sizes.small)
            r.font.color.rgb = _rgb(self.theme.colours.muted)

    def _footer(self, section: Any, pieces: tuple[str, ...]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = section.footer.paragraphs[0]
        paragraph.text = ""
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fields = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
        for piece in pieces:
            if piece in fields:
                ooxml.add_field(paragraph, fields[piece])
            else:
                paragraph.add_run(piece)

    # -- document ----------------------------------------------------------------------------

    def write(self, doc: Document, target: Path, when: datetime) -> None:
        from docx.enum.section import WD_SECTION

        for index, part in enumerate(doc.parts):
            section = self.docx.sections[0] if index == 0 else self.docx.add_section(WD_SECTION.NEW_PAGE)
            self._page(section, part.orientation, doc.meta.classification, part.running_header)
            for block in part.blocks:
                self._block(block)
        self._properties(doc, when)
        import io

        buffer = io.BytesIO()
        self.docx.save(buffer)
        target.write_bytes(ooxml.repeatable_zip(buffer.getvalue(), when))

    def _properties(self, doc: Document, when: datetime) -> None:
        props = self.docx.core_properties
        props.title = doc.meta.title
        props.subject = doc.meta.subject
        props.author = doc.meta.author
        props.keywords = ", ".join(doc.meta.keywords)
        props.language = doc.meta.language
        props.category = doc.meta.classification
        props.comments = ""
        props.last_modified_by = self.theme.council
        props.revision = 1
        props.created = when
        props.modified = when
        props.last_printed = when

    # -- blocks ------------------------------------------------------------------------------

    def _block(self, block: Block, style: str | None = None) -> None:
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._paragraph(block, style)
        elif isinstance(block, ListBlock):
            self._list(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._figure(block)
        elif isinstance(block, FieldList):
            self._fields(block)
        elif isinstance(block, Callout):
            self._callout(block)
        elif isinstance(block, Cover):
            self._cover(block)
        elif isinstance(block, Contents):
            self._contents(block)

    def _heading(self, block: Heading) -> None:
        paragraph = self.docx.add_paragraph(style=f"Heading {min(block.level, 9)}")
        if block.number:
            _hang(paragraph, NUMBER_INDENT_CM)
            paragraph.add_run(f"{block.number}\t")
        self._inlines(paragraph, block.content)
        if block.anchor:
            self.bookmarks += 1
            ooxml.add_bookmark(paragraph, bookmark_name(block.anchor), self.bookmarks)

    def _cover(self, block: Cover) -> None:
        from docx.shared import Pt

        self._heading(Heading(block.level, (Text(block.title),), anchor=block.anchor))
        for text, size in ((block.subtitle, self.theme.sizes.heading1), (block.organisation, self.theme.sizes.body),
                           (block.date, self.theme.sizes.body)):
            if text:
                run = self.docx.add_paragraph().add_run(text)
                run.font.size = Pt(size)

    def _contents(self, block: Contents) -> None:
        """A TOC field whose result is already filled in, so Word shows the entries before any update."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

        self._heading(Heading(block.level, (Text(block.title),), anchor=block.anchor))
        levels = sorted({e.level for e in block.entries})
        section = self.docx.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        paragraphs = []
        for entry in block.entries:
            paragraph = self.docx.add_paragraph(style=self._toc_style(entry.level - levels[0] + 1))
            paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            paragraphs.append(paragraph)
        if not paragraphs:
            return
        ooxml.begin_field(paragraphs[0], f'TOC \\o "{levels[0]}-{levels[-1]}" \\h \\z \\u')
        for paragraph, entry in zip(paragraphs, block.entries):
            link = ooxml.add_internal_link(paragraph, bookmark_name(entry.anchor))
            page = self.page_numbers.get(entry.anchor)
            for text in (entry.text, "\t", str(page) if page else ""):
                run = paragraph.add_run(text)
                link.append(run._r)
        ooxml.end_field(paragraphs[-1])

    def _toc_style(self, depth: int) -> str:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Cm

        name = f"toc {depth}"
        if name not in [s.name for s in self.docx.styles]:
            style = self.docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.docx.styles["Normal"]
            style.paragraph_format.left_indent = Cm(0.6 * (depth - 1))
            style.paragraph_format.space_after = 0
        return name

    def _paragraph(self, block: Paragraph, style: str | None = None) -> Any:
        paragraph = self.docx.add_paragraph(style=style)
        if block.number:
            _hang(paragraph, NUMBER_INDENT_CM)
            paragraph.add_run(f"{block.number}\t")
        self._inlines(paragraph, block.content)
        return paragraph

    def _list(self, block: ListBlock) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            for index, child in enumerate(item):
                if isinstance(child, Paragraph):
                    paragraph = self._paragraph(child, style if index == 0 else None)
                    if index:
                        paragraph.paragraph_format.left_indent = _cm(0.63)
                else:
                    self._block(child)

    def _table(self, block: Table) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.docx.add_paragraph(block.caption, style="Caption")
        columns = len(block.header[0]) if block.header else len(block.rows[0])
        table = self.docx.add_table(rows=0, cols=columns)
        table.style = self.docx.styles["Table Grid"]
        for row_index, cells in enumerate((*block.header, *block.rows)):
            row = table.add_row()
            ooxml.keep_row_together(row)
            in_header = row_index < len(block.header)
            if in_header:
                ooxml.mark_header_row(row)
            for cell, source in zip(row.cells, cells):
                paragraph = cell.paragraphs[0]
                if source.blocks:
                    self._cell_blocks(cell, source.blocks)
                    continue
                self._inlines(paragraph, source.content, bold=in_header)
                for run in paragraph.runs:
                    run.font.size = Pt(self.theme.sizes.table)
                if source.numeric and not in_header:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if in_header:
                    ooxml.shade(cell._tc.get_or_add_tcPr(), self.theme.colours.table_header_fill)
                elif source.status:
                    self._rag_cell(cell, paragraph, source.status)
        self._notes(block.notes)

    def _cell_blocks(self, cell: Any, blocks: tuple[Block, ...]) -> None:
        """Paragraphs and bulleted lists inside a table cell (Word's cells hold paragraphs too)."""
        from docx.shared import Pt

        first = True
        for block in blocks:
            items = [(item[0], "List Bullet") for item in block.items if item and isinstance(item[0], Paragraph)] \
                if isinstance(block, ListBlock) else [(block, None)] if isinstance(block, Paragraph) else []
            for paragraph_block, style in items:
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                if style:
                    paragraph.style = self.docx.styles[style]
                self._inlines(paragraph, paragraph_block.content)
                for run in paragraph.runs:
                    run.font.size = Pt(self.theme.sizes.table)

    def _rag_cell(self, cell: Any, paragraph: Any, status: str) -> None:
        colours = getattr(self.theme.rag, status)
        ooxml.shade(cell._tc.get_or_add_tcPr(), colours.fill)
        for run in paragraph.runs:
            run.font.bold = True
            run.font.color.rgb = _rgb(colours.text)

    def _figure(self, block: Figure) -> None:
        from docx.shared import Mm

        self.figures += 1
        self.docx.add_paragraph(block.caption, style="Caption")
        paragraph = self.docx.add_paragraph()
        paragraph.paragraph_format.keep_with_next = bool(block.notes)
        shape = paragraph.add_run().add_picture(str(block.image), width=Mm(block.width_mm), height=Mm(block.height_mm))
        ooxml.set_alt_text(shape, block.alt, f"Figure {self.figures}")
        self._notes(block.notes)

    def _notes(self, notes: tuple[str, ...]) -> None:
        from docx.shared import Pt

        for note in notes:
            paragraph = self.docx.add_paragraph()
            run = paragraph.add_run(note)
            run.font.size = Pt(self.theme.sizes.small)
            run.font.color.rgb = _rgb(self.theme.colours.muted)

    def _fields(self, block: FieldList) -> None:
        for field in block.fields:
            for index, child in enumerate(field.blocks):
                if not isinstance(child, Paragraph):
                    self._block(child)
                    continue
                paragraph = self.docx.add_paragraph()
                _hang(paragraph, FIELD_LABEL_CM)
                label = paragraph.add_run(f"{field.label}:" if index == 0 else "")
                label.bold = True
                paragraph.add_run("\t")
                self._inlines(paragraph, child.content)

    def _callout(self, block: Callout) -> None:
        from docx.shared import Pt

        paragraphs = []
        if block.title:
            paragraph = self.docx.add_paragraph()
            paragraph.add_run(block.title).bold = True
            paragraphs.append(paragraph)
        for child in block.blocks:
            if isinstance(child, Paragraph):
                paragraphs.append(self._paragraph(child))
            else:
                self._block(child)
        quote = block.kind == "quote"
        border = self.theme.colours.palette[1] if block.kind in ("quote", "contact") else self.theme.colours.accent
        for paragraph in paragraphs:
            if not quote:
                ooxml.shade(paragraph._p.get_or_add_pPr(), self.theme.colours.callout_fill)
            ooxml.left_border(paragraph, border)
            paragraph.paragraph_format.space_after = Pt(0)
            for run in paragraph.runs:
                if quote:
                    run.italic = True
                    run.font.size = Pt(self.theme.sizes.heading2)
                    run.font.color.rgb = _rgb(self.theme.colours.heading)
                elif block.kind == "figures" and run.bold:
                    run.font.size = Pt(self.theme.sizes.title)
                    run.font.color.rgb = _rgb(self.theme.colours.heading)

    # -- inlines -----------------------------------------------------------------------------

    def _inlines(self, paragraph: Any, inlines: tuple[Inline, ...], bold: bool = False, italic: bool = False,
                 container: Any = None) -> None:
        for inline in inlines:
            if isinstance(inline, Text):
                run = paragraph.add_run(inline.text)
                run.bold = bold or None
                run.italic = italic or None
                if container is not None:
                    run.font.underline = True
                    run.font.color.rgb = _rgb(self.theme.colours.accent)
                    container.append(run._r)
            elif isinstance(inline, LineBreak):
                run = paragraph.add_run()
                run.add_break()
                if container is not None:
                    container.append(run._r)
            elif isinstance(inline, Strong):
                self._inlines(paragraph, inline.children, True, italic, container)
            elif isinstance(inline, Emphasis):
                self._inlines(paragraph, inline.children, bold, True, container)
            elif isinstance(inline, Link):
                link = ooxml.add_hyperlink(paragraph, inline.href)
                self._inlines(paragraph, inline.children, bold, italic, link)
            elif isinstance(inline, PageRange):
                pages = self.theme.meeting.pages.format(start=self.page_numbers[inline.start],
                                                        end=self.page_numbers[inline.end])
                self._inlines(paragraph, (Text(pages),), bold, italic, container)


def _hang(paragraph: Any, indent_cm: float) -> None:
    """A hanging indent: the label (a number, a field name) sits in the margin, text lines up after it."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = _cm(indent_cm)
    fmt.first_line_indent = -_cm(indent_cm)
    fmt.tab_stops.add_tab_stop(_cm(indent_cm))


def _cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def write_docx(doc: Document, theme: Theme, target: Path, when: datetime,
               page_numbers: dict[str, int] | None = None) -> None:
    DocxWriter(theme, page_numbers).write(doc, target, when)
