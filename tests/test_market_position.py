"""Market position statement: totals that add up, disclosure rules at their edges, and the MPS layout
elements in both writers."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pytest

from reportkit.compute.disclosure import Disclosure, round_half_up

from accessibility import check_docx, check_pdf, docx_alt_texts
from conftest import FIXTURES, REPO, build, edit, fails_cleanly, make_project


@pytest.fixture
def mps_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {"mps": FIXTURES / "mps"})


@pytest.fixture
def built(mps_project: Path) -> Path:
    assert build(mps_project, "mps") == 0
    return mps_project / "build" / "mps"



def _docx_table(path: Path, first_header: str) -> list[list[str]]:
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == first_header)
    return [[cell.text for cell in row.cells] for row in table.rows]


def _pdf_table(path: Path, first_header: str) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                if table and (table[0][0] or "") == first_header:
                    return [[" ".join((c or "").split()) for c in row] for row in table]
    raise AssertionError(f"no table starting {first_header!r}")


def _data_sums(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Row and column sums of the beds data, read with the csv module, independently of reportkit."""
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    rows = [r for r in csv.DictReader(lines) if r["district"] != "Kent total"]
    columns = [c for c in rows[0] if c not in ("district", "All")]
    by_row = {r["district"]: sum(int(r[c] or 0) for c in columns) for r in rows}
    by_column = {c: sum(int(r[c] or 0) for r in rows) for c in columns}
    return by_row, by_column


@pytest.mark.parametrize("value, shown", [(4, "<10"), (5, "<10"), (9, "<10"), (10, "10"), (14, "10"), (15, "20"),
                                          (0, "0"), (25, "30"), (1445, "1,450")])
def test_rounding_and_suppression_at_their_edges(value: int, shown: str) -> None:
    rules = Disclosure(rounding=10, suppress_below=10)
    assert rules.shown(value, lambda v: f"{v:,.0f}") == shown


def test_rounding_is_half_up_not_to_even() -> None:
    assert [round_half_up(v, 10) for v in (5, 15, 25, 35, 44)] == [10, 20, 30, 40, 40]


def test_printed_totals_are_the_sums_of_the_data(built: Path, mps_project: Path) -> None:
    by_row, by_column = _data_sums(mps_project / "content" / "mps" / "data" / "beds.csv")
    for table in (_docx_table(built / "mps.docx", "District"), _pdf_table(built / "mps.pdf", "District")):
        header, body, total = table[0], table[1:-1], table[-1]
        assert header[-1] == "Total" and total[0] == "Total"
        for row in body:
            assert int(row[-1].replace(",", "")) == by_row[row[0]], row
        for column, cell in zip(header[1:-1], total[1:-1]):
            assert int(cell.replace(",", "")) == by_column[column], column
        assert int(total[-1].replace(",", "")) == sum(by_row.values())


def test_disclosure_is_applied_after_totals_with_its_notes(built: Path) -> None:
    for table in (_docx_table(built / "mps.docx", "Measure"), _pdf_table(built / "mps.pdf", "Measure")):
        assert table[1][1:] == ["<10", "<10", "<10", "10", "30"]  # 4, 5, 9, 10; total 28
        assert table[2][1:] == ["10", "20", "<10", "0", "30"]  # 14, 15, 4, 0; total 33
        assert table[3][3] == "10"  # Sensory needs: 9 + 4 = 13, both parts suppressed, total rounded
    text = " ".join(_pages_text(built / "mps.pdf").split())
    assert "Figures are rounded to the nearest 10" in text and "shown as <10" in text


def _pages_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_horizontal_bars_are_sorted_with_alt_text_from_the_data(built: Path) -> None:
    alt = next(a for a in docx_alt_texts(docx.Document(str(built / "mps.docx"))) if a.startswith("Horizontal"))
    assert "Older people: Dartford 1,074; Tonbridge and Malling 206; Ashford 196." in alt  # largest first


def test_layout_elements_in_both_writers(built: Path) -> None:
    pdf = _pages_text(built / "mps.pdf")
    document = docx.Document(str(built / "mps.docx"))
    word = "\n".join(p.text for p in document.paragraphs)
    for text in (pdf, word):
        assert "“I want to live independently in my own home with dignity”" in text
        assert "897" in text and "supported living schemes" in text
        assert "Test Member" in text and "Cabinet Member for Adult Social Care" in text
        assert "This document is available in alternative formats and languages" in text
        assert "alternativeformats@kent.gov.uk" in text and "03000 42 15 53" in text
    two_column = next(t for t in document.tables if t.rows[0].cells[0].text == "Current position")
    cell = two_column.rows[1].cells[0]
    assert [p.text for p in cell.paragraphs] == ["Reliance on residential care", "Few nursing beds"]
    assert all(p.style.name == "List Bullet" for p in cell.paragraphs)
    assert re.search(r"Reliance on residential care\s*•?\s*More supported living", pdf.replace("• ", ""))


def test_accessibility_properties_hold(built: Path) -> None:
    check_pdf(built / "mps.pdf", "Test Market Position Statement")
    check_docx(built / "mps.docx", "Test Market Position Statement")


BAD = {
    "stated row total that does not match": (
        "data/beds.csv", "Tonbridge and Malling,21,206,38,265", "Tonbridge and Malling,21,206,38,255", "beds.csv:5",
        "the stated total of row 'Tonbridge and Malling' is 255 but its values add up to 265"),
    "stated column total that does not match": (
        "data/beds.csv", "Kent total,383,1476", "Kent total,383,1486", "beds.csv:7",
        "the stated total of column 'Older people' is 1,486 but its values add up to 1,476"),
    "stated grand total that does not match": (
        "data/beds.csv", "107,1966", "107,1996", "beds.csv:7", "the stated grand total is 1,996"),
    "district that is not the council's": (
        "data/beds.csv", "Dartford,203", "Dartfrod,203", "beds.csv:4", "did you mean 'Dartford'"),
    "cell that is not a number": (
        "data/beds.csv", "203,1074", "203,1O74", "beds.csv:4", "'1O74' is not a number (Dartford, Older people)"),
    "unknown block": ("supply.md", "```pull-quote", "```pullquote", "supply.md:6", "did you mean 'pull-quote'"),
    "empty side of a two-column row": ("supply.md", "right: [More supported living]", "right: []", "supply.md:",
                                       "empty side"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_mps_input_fails_cleanly(case: str, mps_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    relative, old, new, where, words = BAD[case]
    edit(mps_project / "content" / "mps" / relative, old, new)
    assert build(mps_project, "mps") == 2
    captured = capsys.readouterr()
    fails_cleanly(mps_project, "mps", captured.err, captured.out, where, words)
    assert not (mps_project / "build" / "mps").exists()


@pytest.fixture(scope="module")
def example(built_example: Callable[[str], Path]) -> Path:
    return built_example("market-position-2025")


def test_example_totals_equal_the_sums_of_its_data(example: Path) -> None:
    data = REPO / "content" / "market-position-2025" / "data" / "residential-beds.csv"
    lines = [line for line in data.read_text().splitlines() if not line.startswith("#")]
    rows = [r for r in csv.DictReader(lines) if r["district"] != "Kent total"]
    columns = [c for c in rows[0] if c not in ("district", "All")]
    table = _docx_table(example / "market-position-statement.docx", "District")
    printed = {r[0]: r[-1] for r in table[1:]}
    assert printed["Tonbridge and Malling"] == "265"  # the seed printed 255
    assert printed["Total"] == f"{sum(int(r[c] or 0) for r in rows for c in columns):,}"
    check_pdf(example / "market-position-statement.pdf", "Adult Social Care Accommodation Market Position Statement")
    check_docx(example / "market-position-statement.docx", "Adult Social Care Accommodation Market Position Statement")


def test_the_seeds_misprinted_total_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "project", {"mps": REPO / "content" / "market-position-2025"})
    edit(project / "content" / "mps" / "data" / "residential-beds.csv", "Tonbridge and Malling,21,,,206,38,,265",
          "Tonbridge and Malling,21,,,206,38,,255")
    assert build(project, "mps") == 2
    err = capsys.readouterr().err
    assert "residential-beds.csv:14: the stated total of row 'Tonbridge and Malling' is 255 but its values add up " \
           "to 265" in err
