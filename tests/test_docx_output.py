"""The Word document: same content and numbering, styles, alt text, header rows, fields and properties."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from test_pdf_output import SEED_FIGURES, TITLE

from accessibility import (
    check_docx_headings,
    check_docx_page_fields,
    check_docx_properties,
    check_docx_tables,
    docx_alt_texts,
)


@pytest.fixture(scope="module")
def document(example_docx: Path) -> docx.document.Document:
    return docx.Document(str(example_docx))


def _all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_text_carries_the_seed_figures_and_numbering(document: docx.document.Document) -> None:
    text = _all_text(document)
    for figure in SEED_FIGURES:
        assert figure in text, figure
    # the numbers are Word's own numbering at their levels (LibreOffice's rendering of them is
    # compared with the PDF in test_example_numbers.py), not typed text
    levels = [p._p.pPr.numPr.ilvl.val for p in document.paragraphs
              if p._p.pPr is not None and p._p.pPr.numPr is not None and p.style.name.startswith(("Heading", "Normal"))]
    assert levels[:2] == [0, 1] and 2 in levels
    assert not re.search(r"^\d+\.\d*\t", text, re.M)


def test_headings_use_built_in_styles_without_skipping(document: docx.document.Document) -> None:
    check_docx_headings(document)


def test_every_picture_has_alt_text(document: docx.document.Document) -> None:
    alts = docx_alt_texts(document)
    assert len(alts) >= 3
    assert any("2,070" in alt for alt in alts)


def test_every_table_repeats_its_header_row_and_rows_do_not_split(document: docx.document.Document) -> None:
    assert len(document.tables) >= 4
    check_docx_tables(document)


def test_language_title_and_properties(document: docx.document.Document) -> None:
    check_docx_properties(document, TITLE)


def test_footer_has_page_fields(example_docx: Path) -> None:
    check_docx_page_fields(example_docx)


def test_appendix_section_is_landscape(document: docx.document.Document) -> None:
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert orientations[0] is False and True in orientations


def test_links_are_real_hyperlinks(example_docx: Path) -> None:
    with zipfile.ZipFile(example_docx) as package:
        body = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert "<w:hyperlink" in body
    assert 'TargetMode="External"' in rels and "https://" in rels
