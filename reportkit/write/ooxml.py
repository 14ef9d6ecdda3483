"""WordprocessingML that python-docx has no API for: fields, alt text, header rows, links, shading."""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _run_with(paragraph: Any, child: Any) -> None:
    run = OxmlElement("w:r")
    run.append(child)
    paragraph._p.append(run)


def _fld_char(paragraph: Any, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    _run_with(paragraph, char)


def begin_field(paragraph: Any, instruction: str) -> None:
    """Open a complex field; its cached result follows, up to :func:`end_field` (in any later paragraph)."""
    _fld_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    _run_with(paragraph, instr)
    _fld_char(paragraph, "separate")


def end_field(paragraph: Any) -> None:
    _fld_char(paragraph, "end")


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES ...) with a cached result Word shows before updating."""
    begin_field(paragraph, instruction)
    text = OxmlElement("w:t")
    text.text = placeholder
    _run_with(paragraph, text)
    end_field(paragraph)


def add_bookmark(paragraph: Any, name: str, number: int) -> None:
    """Wrap the paragraph's content in a bookmark, the target of internal links and PAGEREF fields."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def start_bookmark(paragraph: Any, name: str, number: int) -> None:
    """Open a bookmark at the paragraph's end; what is added up to :func:`end_bookmark` is inside it."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    paragraph._p.append(start)


def end_bookmark(paragraph: Any, number: int) -> None:
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.append(end)


def add_internal_link(paragraph: Any, bookmark: str) -> Any:
    """A w:hyperlink to a bookmark in the same document; the caller fills it with runs."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def set_alt_text(inline_shape: Any, alt: str, name: str) -> None:
    """Alt text lives in wp:docPr/@descr; Word's 'Alt Text' pane reads it from there."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("name", name)


def mark_header_row(row: Any) -> None:
    """Repeat this row at the top of each page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def keep_row_together(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    tr_pr.insert(0, cant_split)


def shade(element_pr: Any, fill: str) -> None:
    """Background fill for a paragraph (w:pPr) or cell (w:tcPr) properties element."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    element_pr.append(shading)


def left_border(paragraph: Any, colour: str, eighths_of_point: int = 24) -> None:
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", str(eighths_of_point)), ("space", "8"),
                       ("color", colour.lstrip("#").upper())):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    paragraph._p.get_or_add_pPr().append(borders)


def add_hyperlink(paragraph: Any, url: str) -> Any:
    """An external hyperlink; returns the w:hyperlink element to put runs into."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    paragraph._p.append(link)
    return link


def set_font(style: Any, name: str) -> None:
    """Name the font for every script; the built-in styles otherwise follow the Office theme font."""
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for key in list(fonts.attrib):
        if key.endswith("Theme"):
            del fonts.attrib[key]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), name)


def set_language(document: Any, language: str) -> None:
    """Language in the document defaults, so every run is proofed and read as en-GB."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    r_pr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    for key in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(key), language)


def set_update_fields(document: Any) -> None:
    """Ask Word to refresh fields (page numbers, contents) when the file is opened."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def add_pageref(container: Any, bookmark: str, cached: str) -> Any:
    """A PAGEREF field inside ``container`` (a paragraph or hyperlink element): Word shows ``cached``
    until the reader updates fields, then the page where ``bookmark`` lies in Word's own layout.
    Returns the ``w:t`` that holds ``cached``."""
    shown = None

    def run(child: Any) -> None:
        element = OxmlElement("w:r")
        element.append(child)
        container.append(element)

    for kind, text in (("begin", None), (None, f" PAGEREF {bookmark} \\h "), ("separate", None),
                       (None, cached), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run(char)
        else:
            tag = "w:instrText" if "PAGEREF" in (text or "") else "w:t"
            element = OxmlElement(tag)
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run(element)
            shown = element if tag == "w:t" else shown
    return shown


def set_column_widths(table: Any, widths_pt: list[float]) -> None:
    """Fixed column widths (grid, table and every cell), so no client falls back to equal columns."""
    from docx.shared import Pt

    table.autofit = False
    widths = [Pt(width) for width in widths_pt]
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(round(sum(widths_pt) * 20)))
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
