"""The Word document: same content and numbering, styles, alt text, header rows, fields and properties."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from test_pdf_output import SEED_FIGURES


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
    assert re.search(r"^1\.\tIntroduction", text, re.M)
    assert re.search(r"^1\.1\t\S", text, re.M)
    assert re.search(r"^5\.2\.1\t\S", text, re.M)


def test_headings_use_built_in_styles_without_skipping(document: docx.document.Document) -> None:
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1


def test_every_picture_has_alt_text(document: docx.document.Document) -> None:
    doc_prs = document.element.body.findall(".//" + qn("wp:docPr"))
    assert len(doc_prs) >= 3
    assert all(d.get("descr") for d in doc_prs)
    assert any("2,070" in d.get("descr") for d in doc_prs)


def test_every_table_repeats_its_header_row_and_rows_do_not_split(document: docx.document.Document) -> None:
    assert len(document.tables) >= 4
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_language_title_and_properties(document: docx.document.Document) -> None:
    props = document.core_properties
    assert props.title == "Care Quality Commission Improvement Plan Update"
    assert props.language == "en-GB"
    assert props.author and props.subject
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_footer_has_page_fields(example_docx: Path) -> None:
    with zipfile.ZipFile(example_docx) as package:
        footers = [package.read(n).decode() for n in package.namelist() if re.match(r"word/footer\d+\.xml", n)]
    assert footers
    for footer in footers:
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
        assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer)


def test_appendix_section_is_landscape(document: docx.document.Document) -> None:
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert orientations[0] is False and True in orientations


def test_links_are_real_hyperlinks(example_docx: Path) -> None:
    with zipfile.ZipFile(example_docx) as package:
        body = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert "<w:hyperlink" in body
    assert 'TargetMode="External"' in rels and "https://" in rels
