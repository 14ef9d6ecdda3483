"""The model to Word (.docx) with python-docx: built-in styles from the theme, real tables and fields.

A document is drafted without the PDF's layout, and finished (:mod:`.docx_package`) with the page
numbers that layout gives, so it can be drafted while the PDF is still being laid out.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from ..errors import ContentError
from ..model import (
    Appendix,
    Block,
    Callout,
    Captioned,
    Cell,
    Contents,
    Cover,
    CrossRef,
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
    pending_nodes,
)
from ..theme import Theme, WordStyles
from . import docx_package, ooxml
from .column_widths import column_widths, text_width
from .docx_styles import remember_style_ids
from .word_numbering import NUMBER_INDENT_TWIPS, WordNumbering, list_indent, number_paragraph

NUMBER_INDENT_CM = 1.4
FIELD_LABEL_CM = 4.5  # the narrowest value column indent
FIELD_GAP_CM = 0.4


def _rgb(colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def bookmark_name(anchor: str, prefix: str = "h_") -> str:
    """A Word bookmark name for an HTML anchor: a letter first, then letters, digits and _, at most 40."""
    return (prefix + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]


def number_bookmark(anchor: str) -> str:
    """The bookmark around the number alone of a caption or appendix ("2", "A"): what a REF field repeats."""
    return bookmark_name(anchor, "n_")


class DocxWriter:
    def __init__(self, theme: Theme) -> None:
        from docx import Document as NewDocument

        self.theme = theme.spec
        self.footer_pieces = theme.footer_pieces()
        self.fonts = theme.font_faces
        self.template = theme.word_template
        self.style_names = theme.spec.word.styles if theme.spec.word else WordStyles()
        self.docx = NewDocument(word_template(theme)) if self.template else NewDocument()
        if self.template:
            _check_styles(self.docx, self.style_names, theme)
        remember_style_ids(self.docx)
        self.numbering = WordNumbering(self.docx)
        self.bookmarks = 0
        self.after_numbered = False  # the last block was a numbered paragraph: a list below it is indented
        self._styles()

    # -- set-up ------------------------------------------------------------------------------

    def _styles(self) -> None:
        from docx.shared import Pt

        ooxml.set_language(self.docx, self.theme.language)
        ooxml.set_update_fields(self.docx)
        if self.template:  # the council's own template has its styles already
            return
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

    def _page(self, section: Any, orientation: str, classification: str, running_header: str) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        long, short = Mm(297), Mm(210)
        landscape = orientation == "landscape"
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        if self.template:  # the template's margins, header and logo carry on into every section
            if section._sectPr is self.docx.sections[0]._sectPr and not any(p.text for p in section.footer.paragraphs):
                self._footer(section, self.footer_pieces)  # a template without a footer takes the theme's
            return
        margins = self.theme.page.margins_mm
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
        left = self.theme.header_left + (f" – {running_header}" if running_header else "")
        run = paragraph.add_run(f"{left}\t")
        runs = [run]
        if self.theme.wording.classification_marking:
            runs.append(paragraph.add_run(classification))
            runs[-1].bold = True
        for r in runs:
            r.font.size = Pt(self.theme.sizes.small)
            r.font.color.rgb = _rgb(self.theme.colours.muted)

    def _footer(self, section: Any, pieces: tuple[str, ...]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = section.footer.paragraphs[0]
        paragraph.text = ""
        paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT}[self.theme.wording.footer_position]
        fields = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
        for piece in pieces:
            if piece in fields:
                ooxml.add_field(paragraph, fields[piece])
            else:
                paragraph.add_run(piece)

    # -- document ----------------------------------------------------------------------------

    def draft(self, doc: Document, when: datetime) -> bytes:
        """The saved package, its page numbers still to be filled in by :func:`.docx_package.finish`."""
        from docx.enum.section import WD_SECTION

        assert not pending_nodes(doc), f"{doc.slug} has not been through the resolve pass"
        for index, part in enumerate(doc.parts):
            section = self.docx.sections[0] if index == 0 else self.docx.add_section(WD_SECTION.NEW_PAGE)
            self._page(section, part.orientation, doc.meta.classification, part.running_header)
            blocks = part.blocks
            if part.appendix is not None and blocks and isinstance(blocks[0], Heading):
                self._appendix_heading(blocks[0], part.appendix)
                blocks = blocks[1:]
            for block in blocks:
                self._block(block)
        self._properties(doc, when)

        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()

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
        after_numbered = self.after_numbered
        self.after_numbered = isinstance(block, Paragraph) and bool(block.number)
        if isinstance(block, ListBlock):
            self._list(block, indent=NUMBER_INDENT_TWIPS if after_numbered else 0)
        elif isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._paragraph(block, style)
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
        else:
            raise TypeError(f"the Word writer has no rendering for a {type(block).__name__}")

    def _heading(self, block: Heading) -> Any:
        paragraph = self.docx.add_paragraph(style=self._heading_style(block.level))
        self._number(paragraph, block.number or "", block.depth)
        self._inlines(paragraph, block.content)
        self._bookmark(paragraph, block.anchor)
        return paragraph

    def _heading_style(self, level: int) -> str:
        mapped = {1: self.style_names.heading1, 2: self.style_names.heading2, 3: self.style_names.heading3,
                  4: self.style_names.heading4}
        return mapped.get(level, f"Heading {min(level, 9)}")

    def _bookmark(self, paragraph: Any, anchor: str) -> None:
        if anchor:
            self.bookmarks += 1
            ooxml.add_bookmark(paragraph, bookmark_name(anchor), self.bookmarks)

    def _number(self, paragraph: Any, number: str, depth: int) -> None:
        """A section or paragraph number as Word numbering, where the theme's scheme counted it (``depth``
        above 0); numbers a document type gives itself (minutes) and numbers Word could not count the
        same way are typed."""
        if not number:
            return
        scheme = self.theme.numbering
        if depth == 0:
            _hang(paragraph, NUMBER_INDENT_CM)
            paragraph.add_run(f"{number}\t")
        elif scheme.paragraphs == "flat":
            style = paragraph.style.name if paragraph.style is not None else ""
            number_paragraph(paragraph, self.numbering.flat("headings" if style.startswith("Heading") else
                                                            "paragraphs"), 0)
        elif scheme.headings or scheme.paragraphs == "none":
            number_paragraph(paragraph, self.numbering.sections(), number.rstrip(".").count("."))
        else:  # hierarchical paragraphs under unnumbered headings: Word would count the headings too
            _hang(paragraph, NUMBER_INDENT_CM)
            paragraph.add_run(f"{number}\t")

    def _appendix_heading(self, block: Heading, appendix: Appendix) -> None:
        """'Appendix A: title', its label a SEQ field (bookmarked for cross-references)."""
        paragraph = self.docx.add_paragraph(style=self._heading_style(block.level))
        paragraph.add_run(f"{self.theme.references.appendix} ")
        letters = self.theme.numbering.appendices == "letters"
        self._sequence(paragraph, "Appendix", appendix.number or "", appendix.anchor,
                       "ALPHABETIC" if letters else "ARABIC")
        paragraph.add_run(f": {appendix.title}")
        self._bookmark(paragraph, block.anchor)

    def _sequence(self, paragraph: Any, name: str, number: str, anchor: str, fmt: str = "ARABIC",
                  restart: bool = False) -> None:
        """A SEQ field showing ``number``, inside a bookmark when the caption has an anchor."""
        self.bookmarks += 1
        mark = self.bookmarks
        if anchor:
            ooxml.start_bookmark(paragraph, number_bookmark(anchor), mark)
        ooxml.add_field(paragraph, f"SEQ {name} \\* {fmt}" + (" \\r 1" if restart else ""), number)
        if anchor:
            ooxml.end_bookmark(paragraph, mark)

    def _caption(self, block: Captioned, anchor: str) -> None:
        """'Table 2: caption' with the number a SEQ field; per-appendix numbers ("A.1") restart with each appendix."""
        paragraph = self.docx.add_paragraph(style=self.style_names.caption)
        if not block.number:
            paragraph.add_run(block.caption_line)
            return
        prefix, _, count = block.number.rpartition(".")
        paragraph.add_run(f"{block.word} {prefix + '.' if prefix else ''}")
        self._sequence(paragraph, "Table" if isinstance(block, Table) else "Figure", count, anchor,
                       restart=bool(prefix) and count == "1")
        if block.caption:
            paragraph.add_run(f": {block.caption}")

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
        entries = block.entries or ()
        levels = sorted({e.level for e in entries})
        width = _text_width(self.docx.sections[-1])
        paragraphs = []
        for entry in entries:
            paragraph = self.docx.add_paragraph(style=self._toc_style(entry.level - levels[0] + 1))
            paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            paragraphs.append(paragraph)
        if not paragraphs:
            return
        ooxml.begin_field(paragraphs[0], f'TOC \\o "{levels[0]}-{levels[-1]}" \\h \\z \\u')
        for paragraph, entry in zip(paragraphs, entries):
            link = ooxml.add_internal_link(paragraph, bookmark_name(entry.anchor))
            for text in (entry.text, "\t"):
                link.append(paragraph.add_run(text)._r)
            ooxml.add_pageref(link, bookmark_name(entry.anchor), "").set(docx_package.PAGE_OF, entry.anchor)
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
        paragraph = self.docx.add_paragraph(style=style or (self.style_names.body if self.template else None))
        self._number(paragraph, block.number or "", block.depth)
        self._inlines(paragraph, block.content)
        self._bookmark(paragraph, block.anchor)
        return paragraph

    def _list(self, block: ListBlock, depth: int = 0, container: Any = None, indent: int = 0) -> None:
        """Each item's first paragraph numbered (its own list instance, so it restarts), later ones
        indented to the item's text; nested lists one level down. ``container`` is a table cell;
        ``indent`` (twips) moves the whole list right, under a numbered paragraph's text."""
        num_id = (self.numbering.ordered_list(block.style, block.start, depth) if block.ordered
                  else self.numbering.bullets())
        style = self.style_names.list_number if block.ordered else self.style_names.list_bullet
        add = container.add_paragraph if container is not None else self.docx.add_paragraph
        for item in block.items:
            for index, child in enumerate(item):
                if isinstance(child, ListBlock):
                    self._list(child, depth + 1, container, indent)
                elif isinstance(child, Paragraph):
                    paragraph = add(style=style)
                    self._inlines(paragraph, child.content)
                    if index == 0:
                        number_paragraph(paragraph, num_id, depth)
                    list_indent(paragraph, depth, indent, hanging=index == 0)
                    if container is not None:
                        self._table_text(paragraph)
                else:
                    self._block(child)

    def _table(self, block: Table) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        self._caption(block, block.anchor)
        columns = len(block.header[0]) if block.header else len(block.rows[0])
        table = self.docx.add_table(rows=0, cols=columns)
        table.style = self.docx.styles[self.style_names.table]
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
                self._inlines(paragraph, source.content, bold=in_header or source.header)
                self._table_text(paragraph)
                if source.numeric and not in_header:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if in_header:
                    ooxml.shade(cell._tc.get_or_add_tcPr(), self.theme.colours.table_header_fill)
                elif source.status:
                    self._rag_cell(cell, paragraph, source.status)
        self._size_columns(table, block)
        self._notes(block.notes)

    def _size_columns(self, table: Any, block: Table) -> None:
        """Column widths from the content, as the PDF's automatic table layout gives them."""
        total = _text_width(self.docx.sections[-1]) / 12700  # EMU -> pt
        grid = [[cell_lines(cell) for cell in row] for row in (*block.header, *block.rows)]
        widths = column_widths(grid, len(block.header), total, self.fonts["regular"], self.fonts["bold"],
                               self.theme.sizes.table)
        ooxml.set_column_widths(table, widths)

    def _table_text(self, paragraph: Any) -> None:
        from docx.shared import Pt

        for run in paragraph.runs:
            run.font.size = Pt(self.theme.sizes.table)

    def _cell_blocks(self, cell: Any, blocks: tuple[Block, ...]) -> None:
        """Several blocks inside a table cell: paragraphs and lists (Word's cells hold paragraphs too)."""
        empty = cell.paragraphs[0]
        for block in blocks:
            if isinstance(block, ListBlock):
                self._list(block, 0, cell)
            elif isinstance(block, Paragraph):
                paragraph = cell.add_paragraph()
                self._inlines(paragraph, block.content)
                self._table_text(paragraph)
            else:
                raise TypeError(f"a table cell cannot hold a {type(block).__name__}")
        empty._p.getparent().remove(empty._p)  # the paragraph every new cell starts with

    def _rag_cell(self, cell: Any, paragraph: Any, status: str) -> None:
        colours = getattr(self.theme.rag, status)
        ooxml.shade(cell._tc.get_or_add_tcPr(), colours.fill)
        for run in paragraph.runs:
            run.font.bold = True
            run.font.color.rgb = _rgb(colours.text)

    def _figure(self, block: Figure) -> None:
        from docx.shared import Mm

        self._caption(block, block.anchor)
        paragraph = self.docx.add_paragraph()
        paragraph.paragraph_format.keep_with_next = bool(block.notes)
        shape = paragraph.add_run().add_picture(str(block.image), width=Mm(block.width_mm), height=Mm(block.height_mm))
        ooxml.set_alt_text(shape, block.alt, block.label_text)
        self._notes(block.notes)

    def _notes(self, notes: tuple[str, ...]) -> None:
        from docx.shared import Pt

        for note in notes:
            paragraph = self.docx.add_paragraph()
            run = paragraph.add_run(note)
            run.font.size = Pt(self.theme.sizes.small)
            run.font.color.rgb = _rgb(self.theme.colours.muted)

    def _fields(self, block: FieldList) -> None:
        indent, wide = self._field_indent(block)
        for field in block.fields:
            for index, child in enumerate(field.blocks):
                if not isinstance(child, Paragraph):
                    self._block(child)
                    continue
                paragraph = self.docx.add_paragraph()
                _hang(paragraph, indent)
                label = paragraph.add_run(f"{field.label}:" if index == 0 else "")
                label.bold = True
                if index == 0 and field.label in wide:
                    label.add_break()  # a label too long for the column: its value starts below it
                paragraph.add_run("\t")
                self._inlines(paragraph, child.content)

    def _field_indent(self, block: FieldList) -> tuple[float, set[str]]:
        """The value column's indent (cm): the widest label's, within limits; and the labels wider than that."""
        limit = 0.4 * _text_width(self.docx.sections[-1]) / 360000  # EMU -> cm
        widths = {f.label: text_width(f"{f.label}:", self.fonts["bold"], self.theme.sizes.body) / 28.35 + FIELD_GAP_CM
                  for f in block.fields}
        indent = min(max([FIELD_LABEL_CM, *widths.values()]), limit)
        return indent, {label for label, width in widths.items() if width > indent}

    def _callout(self, block: Callout) -> None:
        from docx.shared import Pt
        from docx.text.paragraph import Paragraph as WordParagraph

        body = self.docx.element.body
        first = len(body) - 1  # new paragraphs go in before the closing section properties
        if block.title:
            self._callout_title(block)
        for child in block.blocks:
            self._block(child)
        # every paragraph the callout wrote, lists included, carries its box
        paragraphs = [WordParagraph(e, self.docx._body) for e in list(body)[first:] if e.tag.endswith("}p")]
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

    def _callout_title(self, block: Callout) -> Any:
        """The title as a real heading, one level below the heading the callout sits under."""
        level = block.level
        paragraph = self.docx.add_paragraph(block.title, style=self._heading_style(level))
        paragraph.paragraph_format.space_before = 0
        return paragraph

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
                self._inlines(paragraph, (Text(self.theme.meeting.pages),), bold, italic, container)
                shown = list(paragraph._p.iter(qn("w:t")))[-1]  # the run just added, in a link or not
                shown.set(docx_package.PAGES_FROM, inline.start)
                shown.set(docx_package.PAGES_TO, inline.end)
            elif isinstance(inline, CrossRef):
                self._cross_reference(paragraph, inline, bold, italic)
            else:
                raise TypeError(f"the Word writer has no rendering for a {type(inline).__name__}")

    def _cross_reference(self, paragraph: Any, ref: CrossRef, bold: bool, italic: bool) -> None:
        """'paragraph ' then a REF field to the target (its number, cached as the PDF printed it, a link)."""
        if ref.word:
            self._inlines(paragraph, (Text(f"{ref.word} "),), bold, italic)
        numbered_paragraph = ref.kind in ("heading", "paragraph") and bool(ref.word)
        if numbered_paragraph:
            instruction = f"REF {bookmark_name(ref.anchor)} \\w \\h"
        elif ref.kind == "heading":
            instruction = f"REF {bookmark_name(ref.anchor)} \\h"
        else:
            instruction = f"REF {number_bookmark(ref.anchor)} \\h"
        ooxml.add_field(paragraph, instruction, ref.number)


def word_template(theme: Theme) -> io.BytesIO:
    """The theme's Word template as a document to start from, its body emptied; a .dotx is read as the
    .docx it would make (python-docx opens only documents)."""
    import zipfile

    assert theme.word_template is not None
    source = io.BytesIO(theme.word_template.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")
            copy.writestr(info, data)
    from docx import Document as OpenDocument

    document = OpenDocument(io.BytesIO(out.getvalue()))
    body = document.element.body
    for element in list(body)[:-1]:  # keep the closing section properties: the page set-up
        body.remove(element)
    saved = io.BytesIO()
    document.save(saved)
    saved.seek(0)
    return saved


def _check_styles(document: Any, names: WordStyles, theme: Theme) -> None:
    present = {style.name for style in document.styles}
    for role, name in names.model_dump().items():
        if name not in present:
            raise ContentError(theme.folder / "theme.yaml", None, f"the Word template has no style '{name}' "
                               f"(for {role.replace('_', ' ')})", f"its styles are: {', '.join(sorted(present))}")


def _text_width(section: Any) -> int:
    """The width between a section's margins, in EMU."""
    return int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)


def plain_lines(inlines: tuple[Inline, ...]) -> list[str]:
    """The text of some inlines, split at line breaks."""
    lines = [""]
    for inline in inlines:
        if isinstance(inline, Text):
            lines[-1] += inline.text
        elif isinstance(inline, LineBreak):
            lines.append("")
        elif isinstance(inline, (Strong, Emphasis, Link)):
            inner = plain_lines(inline.children)
            lines[-1] += inner[0]
            lines += inner[1:]
        elif isinstance(inline, PageRange):
            lines[-1] += "(Pages 888 - 888)"
    return lines


def cell_lines(cell: Cell) -> list[str]:
    """A table cell's lines of text: its inlines, or each paragraph and list item it holds."""
    if not cell.blocks:
        return plain_lines(cell.content)
    lines: list[str] = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            lines += plain_lines(block.content)
        elif isinstance(block, ListBlock):
            lines += [line for item in block.items for child in item if isinstance(child, Paragraph)
                      for line in plain_lines(child.content)]
    return lines


def _hang(paragraph: Any, indent_cm: float) -> None:
    """A hanging indent: the label (a number, a field name) sits in the margin, text lines up after it."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = _cm(indent_cm)
    fmt.first_line_indent = -_cm(indent_cm)
    fmt.tab_stops.add_tab_stop(_cm(indent_cm))


def _cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def draft_docx(doc: Document, theme: Theme, when: datetime) -> bytes:
    """``doc`` as a package whose page numbers are still to be filled in."""
    return DocxWriter(theme).draft(doc, when)


def write_docx(doc: Document, theme: Theme, target: Path, when: datetime,
               page_numbers: dict[str, int] | None = None) -> None:
    """Draft and finish at once, where the pages (anchor -> page, from the PDF's layout) are known."""
    draft = draft_docx(doc, theme, when)
    target.write_bytes(docx_package.finish(draft, page_numbers or {}, doc.meta.title, theme.spec.council, when))
