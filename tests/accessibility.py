"""Accessibility checks shared by every test that opens a built PDF or DOCX (PDF/UA-1, DOCX checklist)."""

from __future__ import annotations

import re
import zipfile
from itertools import pairwise
from pathlib import Path

import docx
import pikepdf
from docx.oxml.ns import qn


def struct_elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every structure element under ``node`` (the StructTreeRoot, or an element), depth first."""
    found: list[pikepdf.Dictionary] = []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found.extend(struct_elements(kid))
    return found


def check_pdf_tagging(pdf: pikepdf.Pdf, title: str) -> None:
    assert pdf.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    meta = pdf.open_metadata()
    assert meta["dc:title"] == title
    assert meta["pdfuaid:part"] == "1"


def check_pdf_headings(pdf: pikepdf.Pdf) -> None:
    levels = [int(str(e.S)[2:]) for e in struct_elements(pdf.Root.StructTreeRoot) if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, (before, after)


def check_pdf_tables(pdf: pikepdf.Pdf) -> int:
    """Every table has header cells, and every header cell a scope; returns the number of tables."""
    elements = struct_elements(pdf.Root.StructTreeRoot)
    tables = [e for e in elements if e.S == "/Table"]
    headers = [e for e in elements if e.S == "/TH"]
    assert all(str(h.A.Scope) in ("/Column", "/Row") for h in headers)
    for table in tables:
        assert any(e.S == "/TH" for e in struct_elements(table))
    return len(tables)


def pdf_alt_texts(pdf: pikepdf.Pdf) -> list[str]:
    """The alt text of every figure; each must have one."""
    alts = [str(f.get("/Alt", "")) for f in struct_elements(pdf.Root.StructTreeRoot) if f.S == "/Figure"]
    assert all(alts)
    return alts


def check_pdf_fonts_embedded(pdf: pikepdf.Pdf) -> None:
    fonts = 0
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            assert any(k in descendant.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
            fonts += 1
    assert fonts


def check_pdf(path: Path, title: str) -> None:
    """Everything the foundation promised for a PDF, in one call for a new kind of document."""
    with pikepdf.open(path) as pdf:
        check_pdf_tagging(pdf, title)
        check_pdf_headings(pdf)
        check_pdf_tables(pdf)
        pdf_alt_texts(pdf)
        check_pdf_fonts_embedded(pdf)


def check_docx_headings(document: docx.document.Document) -> None:
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in pairwise(levels):
        assert after <= before + 1


def docx_alt_texts(document: docx.document.Document) -> list[str]:
    alts = [d.get("descr") for d in document.element.body.findall(".//" + qn("wp:docPr"))]
    assert all(alts)
    return alts


def check_docx_tables(document: docx.document.Document) -> None:
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def check_docx_properties(document: docx.document.Document, title: str) -> None:
    props = document.core_properties
    assert props.title == title
    assert props.language == "en-GB"
    assert props.author and props.subject
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def check_docx_page_fields(path: Path) -> None:
    with zipfile.ZipFile(path) as package:
        footers = [package.read(n).decode() for n in package.namelist() if re.match(r"word/footer\d+\.xml", n)]
    assert footers
    for footer in footers:
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
        assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer)


def check_docx(path: Path, title: str) -> None:
    document = docx.Document(str(path))
    check_docx_headings(document)
    docx_alt_texts(document)
    check_docx_tables(document)
    check_docx_properties(document, title)
    check_docx_page_fields(path)
