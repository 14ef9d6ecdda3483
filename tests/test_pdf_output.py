"""The published PDF: the seed's figures, page furniture and PDF/UA-1 structure, read from the file."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

SEED_FIGURES = ["2,070", "1,928", "5,499", "167 days", "3,276", "1,478", "2,031", "1,392"]


@pytest.fixture(scope="module")
def pages(example_pdf: Path) -> list[str]:
    with pdfplumber.open(example_pdf) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def pdf(example_pdf: Path) -> pikepdf.Pdf:
    return pikepdf.open(example_pdf)


def _struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        kids = node.get("/K")
        items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in items:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_text_carries_the_seed_figures(pages: list[str]) -> None:
    text = "\n".join(pages)
    for figure in SEED_FIGURES:
        assert figure in text, figure


def test_paragraphs_are_numbered_by_the_toolkit(pages: list[str]) -> None:
    text = "\n".join(pages)
    assert re.search(r"^1\.\s+Introduction", text, re.M)
    assert re.search(r"^1\.1\s+\S", text, re.M)
    assert re.search(r"^5\.2\.1\s+\S", text, re.M)


def test_every_page_has_page_x_of_y_and_the_classification(pages: list[str]) -> None:
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
        assert "Unrestricted" in text.splitlines()[0]


def test_recommendation_verbs_are_bold(example_pdf: Path) -> None:
    with pdfplumber.open(example_pdf) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["fontname"])
    note = [w for w in words if w["text"] == "NOTE"]
    assert note and all("Bold" in w["fontname"] for w in note)


def test_tagged_with_language_title_and_pdfua_identifier(pdf: pikepdf.Pdf) -> None:
    assert pdf.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    meta = pdf.open_metadata()
    assert meta["dc:title"] == "Care Quality Commission Improvement Plan Update"
    assert meta["pdfuaid:part"] == "1"


def test_headings_start_at_h1_without_skipping(pdf: pikepdf.Pdf) -> None:
    levels = [int(str(e.S)[2:]) for e in _struct_elements(pdf) if re.fullmatch(r"/H[1-6]", str(e.S))]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, (before, after)


def test_tables_have_header_cells_with_scope(pdf: pikepdf.Pdf) -> None:
    elements = _struct_elements(pdf)
    tables = [e for e in elements if e.S == "/Table"]
    assert len(tables) >= 4
    headers = [e for e in elements if e.S == "/TH"]
    assert headers and all(str(h.A.Scope) in ("/Column", "/Row") for h in headers)
    for table in tables:
        assert any(e.S == "/TH" for e in _struct_elements_under(table))


def _struct_elements_under(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    out: list[pikepdf.Dictionary] = []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out.append(kid)
            out.extend(_struct_elements_under(kid))
    return out


def test_every_figure_has_alt_text_from_the_data(pdf: pikepdf.Pdf) -> None:
    figures = [e for e in _struct_elements(pdf) if e.S == "/Figure"]
    assert len(figures) >= 3
    alts = [str(f.get("/Alt", "")) for f in figures]
    assert all(alts)
    assert any("2,070" in alt and "1,928" in alt for alt in alts)


def test_every_font_is_embedded(pdf: pikepdf.Pdf) -> None:
    fonts = 0
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
            fonts += 1
    assert fonts


def test_bookmarks_follow_the_headings(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        nested = [child.title for item in outline.root for child in item.children]
    assert titles[0] == "Care Quality Commission Improvement Plan Update"
    everything = titles + nested
    assert any("Introduction" in t for t in everything)
    assert any(t.startswith("Appendix 1") for t in everything)


def test_appendix_is_on_landscape_pages(pdf: pikepdf.Pdf, pages: list[str]) -> None:
    start = next(i for i, text in enumerate(pages) if "Appendix 1:" in text and "Kent County Council – Appendix 1" in text)
    box = [float(v) for v in pdf.pages[start].MediaBox]
    assert box[2] > box[3]
    first = [float(v) for v in pdf.pages[0].MediaBox]
    assert first[2] < first[3]


def test_illustrative_values_are_marked_in_the_document(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "Illustrative:" in text
