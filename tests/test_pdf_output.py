"""The published PDF: the seed's figures, page furniture and PDF/UA-1 structure, read from the file."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from accessibility import (
    check_pdf_fonts_embedded,
    check_pdf_headings,
    check_pdf_tables,
    check_pdf_tagging,
    pdf_alt_texts,
)

TITLE = "Care Quality Commission Improvement Plan Update"

SEED_FIGURES = ["2,070", "1,928", "5,499", "167 days", "3,276", "1,478", "2,031", "1,392"]


@pytest.fixture(scope="module")
def pages(example_pdf: Path) -> list[str]:
    with pdfplumber.open(example_pdf) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def pdf(example_pdf: Path) -> pikepdf.Pdf:
    return pikepdf.open(example_pdf)


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
    check_pdf_tagging(pdf, TITLE)


def test_headings_start_at_h1_without_skipping(pdf: pikepdf.Pdf) -> None:
    check_pdf_headings(pdf)


def test_tables_have_header_cells_with_scope(pdf: pikepdf.Pdf) -> None:
    assert check_pdf_tables(pdf) >= 4


def test_every_figure_has_alt_text_from_the_data(pdf: pikepdf.Pdf) -> None:
    alts = pdf_alt_texts(pdf)
    assert len(alts) >= 3
    assert any("2,070" in alt and "1,928" in alt for alt in alts)


def test_every_font_is_embedded(pdf: pikepdf.Pdf) -> None:
    check_pdf_fonts_embedded(pdf)


def test_bookmarks_follow_the_headings(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        nested = [child.title for item in outline.root for child in item.children]
    assert titles[0] == TITLE
    everything = titles + nested
    assert any("Introduction" in t for t in everything)
    assert any(t.startswith("Appendix 1") for t in everything)


def test_appendix_is_on_landscape_pages(pdf: pikepdf.Pdf, pages: list[str]) -> None:
    start = next(i for i, text in enumerate(pages)
                 if "Appendix 1:" in text and "Kent County Council – Appendix 1" in text)
    box = [float(v) for v in pdf.pages[start].MediaBox]
    assert box[2] > box[3]
    first = [float(v) for v in pdf.pages[0].MediaBox]
    assert first[2] < first[3]


def test_illustrative_values_are_marked_in_the_document(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "Illustrative:" in text
