"""Every block type of the model reaches both the PDF and the DOCX (read back from the files)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from conftest import build
from lo import convert, needs_libreoffice


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, docx.document.Document, Path]:
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path_factory.mktemp("blocks"), {"mini": FIXTURES / "mini"})
    assert build(root, "mini") == 0
    folder = root / "build" / "mini"
    with pdfplumber.open(folder / "report.pdf") as pdf:
        pdf_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    document = docx.Document(str(folder / "report.docx"))
    parts = [p.text for p in document.paragraphs]
    parts += ["\t".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return pdf_text, "\n".join(parts), document, folder


def _both(outputs: tuple[str, str, object]) -> list[str]:
    return [outputs[0], outputs[1]]


def _numbered_under_its_heading(text: str) -> None:
    heading = re.search(r"^(\d+)\.\s+Recommendations", text, re.M)
    assert heading, text
    assert re.search(rf"^{heading.group(1)}\.1\s+The Committee is asked to NOTE", text, re.M)


def test_recommendation_is_numbered_under_its_own_heading(outputs: tuple) -> None:
    _numbered_under_its_heading(outputs[0])
    document = outputs[2]
    recommendation = next(p for p in document.paragraphs if p.text.startswith("The Committee is asked to NOTE")
                          and p._p.pPr is not None and p._p.pPr.numPr is not None)
    assert recommendation._p.pPr.numPr.ilvl.val == 1  # Word numbers it, at the paragraph level


@needs_libreoffice
@pytest.mark.slow
def test_word_numbers_the_recommendation_as_the_pdf_does(outputs: tuple, tmp_path: Path) -> None:
    folder = outputs[3]
    _numbered_under_its_heading("\n".join(convert(folder / "report.docx", tmp_path)))


def test_callout_title_and_body(outputs: tuple) -> None:
    pdf_text, docx_text, document, _ = outputs
    assert "Case study" in pdf_text and "A person was helped." in pdf_text
    title = next(p for p in document.paragraphs if p.text == "Case study")
    assert title.style.name.startswith("Heading ")  # a real heading, listed in Word's navigation pane
    assert title._p.pPr.find(qn("w:shd")) is not None
    assert "A person was helped." in docx_text


def test_cropped_line_chart_says_so(outputs: tuple) -> None:
    for text in _both(outputs):
        assert "The value axis does not start at zero." in text


def test_count_table_has_computed_totals(outputs: tuple) -> None:
    # plan.csv: Theme 1 has 1 Completed + 1 On track, Theme 2 has 1 On track
    pdf_text, docx_text, _, _ = outputs
    assert re.search(r"^Theme 1 1 1 2$", pdf_text, re.M)
    assert re.search(r"^Total 1 2 3$", pdf_text, re.M)
    assert "Theme 1\t1\t1\t2" in docx_text and "Total\t1\t2\t3" in docx_text


def test_grouped_records_make_one_captioned_table_per_group(outputs: tuple) -> None:
    for text in _both(outputs):
        assert re.search(r"Table \d+: Actions: Theme 1", text)
        assert re.search(r"Table \d+: Actions: Theme 2", text)


def test_illustrative_values_are_marked(outputs: tuple) -> None:
    for text in _both(outputs):
        assert "1 (illustrative) completed" in text
        assert "Illustrative: Q1 2025/26." in text
        assert "Illustrative: the status column." in text


def test_cited_values_and_their_changes(outputs: tuple) -> None:
    for text in _both(outputs):
        assert "fell to 1,928 from 2,070, a change of -142" in text
