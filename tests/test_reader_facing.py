"""What a reader of the published papers sees: no toolkit-facing words, Word tables sized by their
content (LibreOffice breaks no word), contents that update in Word, aligned front fields, and
document properties that describe the document."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from test_libreoffice import SOFFICE, needs_libreoffice
from test_pdf_structure import EXAMPLES

from reportkit.write.column_widths import text_width

from conftest import REPO

RAW_NAME = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")  # a data column or field name such as self_assessed


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        xml = " ".join(package.read(n).decode("utf-8") for n in package.namelist()
                       if n.startswith("word/") and n.endswith(".xml"))
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.slow
@pytest.mark.parametrize("pack", EXAMPLES)
def test_no_toolkit_name_or_raw_field_name_in_published_text(built_example: Callable[[str], Path], pack: str) -> None:
    folder = built_example(pack)
    papers = sorted(folder.glob("*.pdf")) + sorted(folder.glob("*.docx"))
    assert papers
    for paper in papers:
        text = _pdf_text(paper) if paper.suffix == ".pdf" else _docx_text(paper)
        assert len(text) > 1000, paper.name
        assert "reportkit" not in text.lower(), paper.name
        assert not RAW_NAME.findall(text), (paper.name, sorted(set(RAW_NAME.findall(text)))[:5])


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_breaks_no_word_in_the_kpi_dashboard(built_example: Callable[[str], Path], tmp_path: Path) -> None:
    """Every word of LibreOffice's rendering of the Word file is a word of the Word file: a word split
    inside a narrow column would show up as two fragments."""
    import subprocess

    paper = built_example("cabinet-2025-11") / "performance-report.docx"
    result = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",  # type: ignore[list-item]
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(paper)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    vocabulary = set(re.findall(r"[A-Za-z]+", _docx_text(paper)))
    rendered = re.findall(r"[A-Za-z]+", _pdf_text(tmp_path / "performance-report.pdf"))
    assert len(rendered) > 5000
    assert not sorted(set(rendered) - vocabulary)


@pytest.mark.slow
def test_word_columns_are_sized_by_their_content(built_example: Callable[[str], Path]) -> None:
    document = docx.Document(str(built_example("cabinet-2025-11") / "performance-report.docx"))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    headline = next(t for t in document.tables if t.rows[0].cells[0].text == "KPI")
    widths = [cell.width for cell in headline.rows[0].cells]
    assert abs(sum(widths) - text_width) < 12700 * len(widths)  # within a point a column of the text width
    titles = [cell.text for cell in headline.rows[0].cells]
    assert widths[titles.index("Measure")] > 2 * widths[titles.index("KPI")]
    assert headline._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


@pytest.mark.slow
def test_word_contents_page_numbers_are_pageref_fields(built_example: Callable[[str], Path]) -> None:
    document = docx.Document(str(built_example("self-assessment-2024-09") / "self-assessment.docx"))
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    references = [t.text.split()[1] for t in body.iter(qn("w:instrText")) if t.text.strip().startswith("PAGEREF")]
    assert len(references) > 20 and set(references) <= bookmarks
    entries = [p for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert len(entries) == len(references)
    assert all(re.search(r"\t\d+$", p.text) for p in entries)  # the PDF's page, shown until fields update


@pytest.mark.slow
def test_word_front_field_values_line_up_under_long_labels(built_example: Callable[[str], Path]) -> None:
    document = docx.Document(str(built_example("cabinet-2025-11") / "larc-key-decision.docx"))
    fields = [p for p in document.paragraphs
              if p.runs and p.runs[0].bold and p.runs[0].text.endswith(":") and p.paragraph_format.first_line_indent]
    assert any(len(p.runs[0].text) > 24 for p in fields)  # "Future pathway of report:" and the like
    bold = REPO / "templates" / "kent" / "fonts" / "LiberationSans-Bold.ttf"
    for paragraph in fields:
        label = paragraph.runs[0]
        indent_pt = paragraph.paragraph_format.left_indent.pt
        fits = text_width(label.text, bold, 12) < indent_pt
        assert fits or label._r.find(qn("w:br")) is not None, label.text  # else the value starts below it
        stops = [stop.position for stop in paragraph.paragraph_format.tab_stops]
        assert stops == [paragraph.paragraph_format.left_indent]


@pytest.mark.slow
def test_word_document_properties_describe_the_document(built_example: Callable[[str], Path]) -> None:
    paper = built_example("cabinet-2025-11") / "performance-report.docx"
    with zipfile.ZipFile(paper) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
    document = docx.Document(str(paper))
    assert "Microsoft" not in app and "Normal.dotm" not in app
    assert f"<vt:lpstr>{document.core_properties.title}</vt:lpstr>" in app
    assert "<Company>Kent County Council</Company>" in app
    words = int(re.search(r"<Words>(\d+)</Words>", app).group(1))  # type: ignore[union-attr]
    assert abs(words - len(_docx_text(paper).split())) < 0.1 * words


def _page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _page_of(pages: list[str], text: str) -> int:
    found = [number for number, page in enumerate(pages) if text in re.sub(r"\s+", " ", page)]
    assert found, text
    return found[0]


@pytest.mark.slow
def test_kpi_charts_stay_with_their_heading(built_example: Callable[[str], Path]) -> None:
    pages = _page_texts(built_example("cabinet-2025-11") / "performance-report.pdf")
    headings = [(m.group(1), number) for number, page in enumerate(pages)
                for m in re.finditer(r"^(ASCH\d+): ", page, re.M)]
    assert len(headings) >= 20
    for kpi_id, number in headings:
        assert re.search(rf"Figure \d+: {kpi_id} by ", re.sub(r"\s+", " ", pages[number])), kpi_id


@pytest.mark.slow
def test_front_fields_and_contacts_are_not_split_over_pages(built_example: Callable[[str], Path]) -> None:
    path = built_example("cabinet-2025-11") / "larc-key-decision.pdf"
    pages = _page_texts(path)
    assert (_page_of(pages, "Recommendation(s):")
            == _page_of(pages, "Proposed Record of Decision appended to this report."))
    for name, email in (("Professor Durka Dougall", "durka.dougall@kent.gov.uk"),
                        ("Vicky Tovey", "victoria.tovey@kent.gov.uk"), ("Hannah Brisley", "hannah.brisley@kent.gov.uk"),
                        ("Terhi Suikkanen", "terhi.suikkanen@kent.gov.uk")):
        assert _page_of(pages, name) == _page_of(pages, email), name
    with pdfplumber.open(path) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["fontname"])]
    verbs = [w for w in words if w["text"] in ("MAKE", "RECOMMENDATIONS")]
    assert len(verbs) >= 2 and all("Bold" in w["fontname"] for w in verbs)
