"""The KPI dashboard from data: ratings, directions, summary, tables and charts read back from the outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from conftest import FIXTURES, build, edit, fails_cleanly, make_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def kpi_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {"kpi": FIXTURES / "kpi"})



def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pdf_rows(path: Path) -> list[list[str]]:
    """Every table row in the PDF, each cell's wrapped lines joined."""
    rows: list[list[str]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[" ".join((cell or "").split()) for cell in row] for row in table]
    return rows


def _docx_tables(path: Path) -> dict[str, list[list[str]]]:
    """Each table's rows of cell texts, by the caption paragraph just before it."""
    document = open_docx(str(path))
    body = document.element.body
    tables: dict[str, list[list[str]]] = {}
    caption = ""
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            caption = "".join(t.text or "" for t in child.iter(f"{W}t")) or caption
        elif child.tag == f"{W}tbl":
            tables[caption] = [["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.iter(f"{W}tc")]
                               for row in child.iter(f"{W}tr")]
    return tables


def _row(tables: dict[str, list[list[str]]], caption_part: str) -> dict[str, str]:
    """The first body row of the table whose caption contains ``caption_part``, by column heading."""
    caption = next(c for c in tables if caption_part in c)
    header, first = tables[caption][0], tables[caption][1]
    return dict(zip(header, first))


def _alt_texts(path: Path) -> list[str]:
    document = open_docx(str(path))
    return [el.get("descr", "") for el in document.element.body.iter()
            if el.tag.endswith("}docPr")]


def _chart_images(path: Path) -> list[bytes]:
    document = open_docx(str(path))
    return [part.blob for part in document.part.package.parts if part.partname.startswith("/word/media/")]


def row_title(kpi_id: str) -> str:
    return {"REPEAT": "Contacts made again within 3 months", "TIMELY": "Assessments completed within 28 days",
            "ADMIT": "Admissions to care homes per 100,000 adults"}[kpi_id]


def test_every_kpi_shows_its_rating_word_and_figure_in_both_formats(kpi_project: Path) -> None:
    assert build(kpi_project, "kpi") == 0
    out = kpi_project / "build" / "kpi"
    pdf = re.sub(r"\s+", " ", _pdf_text(out / "performance.pdf"))
    pdf_rows = _pdf_rows(out / "performance.pdf")
    tables = _docx_tables(out / "performance.docx")
    expected = {"REPEAT": ("3%", "GREEN"), "TIMELY": ("77%", "AMBER"), "ADMIT": ("18 per 100,000", "GREEN")}
    for kpi_id, (figure, rating) in expected.items():
        row = _row(tables, f"{kpi_id} in Q2 2025/26")
        assert row["Q2 2025/26"] == figure
        assert row["RAG rating"] == rating
        assert f"{kpi_id} in Q2 2025/26" in pdf
        assert [kpi_id, row_title(kpi_id), figure] == next(r[:3] for r in pdf_rows if r[0] == kpi_id)
        assert sum(1 for r in pdf_rows if r[0] in (kpi_id, figure) and rating in r) == 2  # headline and own table
    # unrated KPIs: their figures, and no rating column
    assert _row(tables, "CASES in Q2 2025/26")["Q2 2025/26"] == "4,320"
    assert "RAG rating" not in _row(tables, "CASES in Q2 2025/26")
    assert "4,326" in pdf and "4,320" in pdf
    # a monthly KPI is read in the last month of the reporting quarter, not the month after it
    assert _row(tables, "CALLS in September 2025")["September 2025"] == "1,310"
    assert "1,400" not in pdf


def test_direction_is_worded_through_polarity(kpi_project: Path) -> None:
    assert build(kpi_project, "kpi") == 0
    tables = _docx_tables(kpi_project / "build" / "kpi" / "performance.docx")
    # lower is better: 17 -> 18 per 100,000 is up and worsening; 20 -> 18 a year on is improving
    admit = _row(tables, "ADMIT in Q2 2025/26")
    assert admit["On Q1 2025/26"] == "↑ Worsening (from 17 per 100,000)"
    assert admit["On Q2 2024/25"].startswith("↓ Improving (from 20 per 100,000)")
    assert _row(tables, "REPEAT in Q2 2025/26")["On Q1 2025/26"] == "→ No change (from 3%)"
    assert _row(tables, "TIMELY in Q2 2025/26")["On Q1 2025/26"] == "↑ Improving (from 75%)"
    # a comparison with an illustrative value is disclosed once, in the table's note, not in the cell
    assert _row(tables, "TIMELY in Q2 2025/26")["On Q2 2024/25"] == "↑ Improving (from 72%)"
    text = "\n".join(p.text for p in open_docx(str(kpi_project / "build" / "kpi" / "performance.docx")).paragraphs)
    assert "Illustrative: the Q2 2024/25 value it is compared with." in text


def test_rag_cells_are_shaded_with_the_theme_colours_and_keep_the_word(kpi_project: Path) -> None:
    assert build(kpi_project, "kpi") == 0
    document = open_docx(str(kpi_project / "build" / "kpi" / "performance.docx"))
    fills = {}
    for cell in document.element.body.iter(f"{W}tc"):
        text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
        shading = cell.find(f"{W}tcPr/{W}shd")
        if text in ("GREEN", "AMBER", "RED") and shading is not None:
            fills[text] = shading.get(f"{W}fill").upper()
    assert fills == {"GREEN": "00703C", "AMBER": "E07000"}
    pdf = _pdf_text(kpi_project / "build" / "kpi" / "performance.pdf")
    assert pdf.count("GREEN") >= 4 and pdf.count("AMBER") >= 2  # headline table and each KPI's own table


def test_charts_carry_target_lines_and_alt_text_from_the_values(kpi_project: Path) -> None:
    assert build(kpi_project, "kpi") == 0
    out = kpi_project / "build" / "kpi"
    alts = _alt_texts(out / "performance.docx")
    timely = next(a for a in alts if a.startswith("Line chart: TIMELY"))
    assert "Q2 2025/26 77%" in timely and "Target line at 80%." in timely and "Floor line at 75%." in timely
    admit = next(a for a in alts if a.startswith("Line chart: ADMIT"))
    assert "Upper threshold line at 22 per 100,000." in admit
    cases = next(a for a in alts if a.startswith("Bar chart: CASES"))
    assert "Requested:" in cases and "Completed:" in cases and "line at" not in cases
    pdf = _pdf_text(out / "performance.pdf")
    assert "Figure 1: REPEAT by quarter, Q2 2024/25 to Q2 2025/26" in pdf
    assert "Illustrative: Q2 2024/25." in pdf and "Source: Contact records" in pdf and "Note: Lower is better." in pdf


def test_one_changed_value_moves_rating_arrow_summary_table_and_chart_together(kpi_project: Path) -> None:
    assert build(kpi_project, "kpi") == 0
    out = kpi_project / "build" / "kpi"
    before_pdf = re.sub(r"\s+", " ", _pdf_text(out / "performance.pdf"))
    before_images = set(_chart_images(out / "performance.docx"))
    assert "two were rated Green and one Amber" in before_pdf
    assert "rated Amber; its direction of travel is improving" in before_pdf

    edit(kpi_project / "content" / "kpi" / "data" / "kpi-values.csv", "TIMELY,,Q2 2025/26,77", "TIMELY,,Q2 2025/26,74")
    assert build(kpi_project, "kpi") == 0
    pdf = re.sub(r"\s+", " ", _pdf_text(out / "performance.pdf"))
    tables = _docx_tables(out / "performance.docx")
    row = _row(tables, "TIMELY in Q2 2025/26")
    assert (row["Q2 2025/26"], row["RAG rating"], row["On Q1 2025/26"]) == ("74%", "RED", "↓ Worsening (from 75%)")
    headline = next(rows for caption, rows in tables.items() if "Headline KPIs" in caption)
    assert ["TIMELY", "Assessments completed within 28 days", "74%", "80%", "75%", "RED", "↓ Worsening"] in headline
    assert "two were rated Green and one Red" in pdf
    assert "Timeliness was 74% against a target of 80%, rated Red; its direction of travel is worsening" in pdf
    assert "(-1 percentage point on Q1 2025/26)" in pdf
    alt = next(a for a in _alt_texts(out / "performance.docx") if a.startswith("Line chart: TIMELY"))
    assert "Q2 2025/26 74%" in alt
    images = set(_chart_images(out / "performance.docx"))
    assert len(images - before_images) == 1  # only the TIMELY chart was redrawn


def test_tolerance_rule_from_the_kpi_file(kpi_project: Path) -> None:
    edit(kpi_project / "content" / "kpi" / "data" / "kpis.yaml", "period: Q2 2025/26",
         "period: Q2 2025/26\nrule: tolerance")
    assert build(kpi_project, "kpi") == 0
    tables = _docx_tables(kpi_project / "build" / "kpi" / "performance.docx")
    # 77% is within 10% of the 80% target (72% or more): Amber under the tolerance rule too;
    # 74% would be Amber here but Red under the floor rule
    assert _row(tables, "TIMELY in Q2 2025/26")["RAG rating"] == "AMBER"
    edit(kpi_project / "content" / "kpi" / "data" / "kpi-values.csv", "TIMELY,,Q2 2025/26,77", "TIMELY,,Q2 2025/26,74")
    assert build(kpi_project, "kpi") == 0
    tables = _docx_tables(kpi_project / "build" / "kpi" / "performance.docx")
    assert _row(tables, "TIMELY in Q2 2025/26")["RAG rating"] == "AMBER"


# (file, text to replace, replacement, 'file:line' expected, words expected)
BAD = {
    "unknown KPI cited in prose": ("performance.md", "{{ kpis.REPEAT.value }}", "{{ kpis.REPAET.value }}",
                                   "performance.md:25", "did you mean 'kpis.REPEAT.value'"),
    "value that is not a number": ("data/kpi-values.csv", "TIMELY,,Q1 2025/26,75", "TIMELY,,Q1 2025/26,7S",
                                   "kpi-values.csv:12", "'7S' is not a number (TIMELY in Q1 2025/26)"),
    "quarter that does not exist": ("data/kpi-values.csv", "TIMELY,,Q1 2025/26", "TIMELY,,Q5 2025/26",
                                    "kpi-values.csv:12", "no quarter 5"),
    "malformed financial year": ("data/kpi-values.csv", "TIMELY,,Q1 2025/26", "TIMELY,,Q1 2026/207",
                                 "kpi-values.csv:12", "not a financial year"),
    "RAG-rated KPI without a target": ("data/kpis.yaml", "    target: 80\n", "    rag: true\n", "kpis.yaml:16",
                                       "TIMELY is RAG-rated but has no target"),
    "floor above the target": ("data/kpis.yaml", "threshold: 75", "threshold: 85", "kpis.yaml:17",
                               "floor threshold 85 is above the target 80"),
    "upper threshold below the target": ("data/kpis.yaml", "threshold: 9", "threshold: 4", "kpis.yaml:9",
                                         "upper threshold 4 is below the target 5"),
    "floor rule without a threshold": ("data/kpis.yaml", "    threshold: 75\n", "", "kpis.yaml:16", "no threshold"),
    "unknown polarity": ("data/kpis.yaml", "polarity: higher\n    target: 80", "polarity: up\n    target: 80",
                         "kpis.yaml:15", "polarity"),
    "unknown KPI in values": ("data/kpi-values.csv", "ADMIT,,Q3 2024/25", "ADMT,,Q3 2024/25", "kpi-values.csv:15",
                              "did you mean 'ADMIT'"),
    "unknown series": ("data/kpi-values.csv", "CASES,Completed,Q3 2024/25", "CASES,Complete,Q3 2024/25",
                       "kpi-values.csv:25", "CASES has no series 'Complete'"),
    "same period twice": ("data/kpi-values.csv", "TIMELY,,Q1 2025/26", "TIMELY,,Q4 2024/25", "kpi-values.csv:12",
                          "second value for Q4 2024/25 (first on line 11)"),
    "month in a quarterly KPI": ("data/kpi-values.csv", "TIMELY,,Q1 2025/26", "TIMELY,,June 2025", "kpi-values.csv:12",
                                 "TIMELY is quarterly but 'June 2025' is a month"),
    "missing values file": ("data/kpis.yaml", "values: kpi-values.csv", "values: kpi-value.csv", "kpis.yaml:1",
                            "no values file"),
    "unknown KPI section in the dashboard": ("dashboard.md", "## CASES", "## CASSE", "dashboard.md:14",
                                             "unknown KPI 'CASSE'"),
    "unknown KPI in the headline": ("dashboard.md", "headline: [REPEAT,", "headline: [REPAET,", "dashboard.md:5",
                                    "unknown KPI 'REPAET' in headline"),
    "dashboard of a missing KPI file": ("dashboard.md", "kpis: kpis", "kpis: kpi", "dashboard.md:4",
                                        "no KPI file called 'kpi'"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_kpi_input_fails_cleanly(case: str, kpi_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    relative, old, new, where, words = BAD[case]
    edit(kpi_project / "content" / "kpi" / relative, old, new)
    assert build(kpi_project, "kpi") == 2
    captured = capsys.readouterr()
    fails_cleanly(kpi_project, "kpi", captured.err, captured.out, where, words)
    assert not (kpi_project / "build" / "kpi").exists()
