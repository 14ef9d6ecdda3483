"""The Q2 2025/26 performance report (content/cabinet-2025-11) against the ratings the seed publishes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from test_kpi_dashboard import _docx_tables, _pdf_rows

from accessibility import check_docx, check_pdf

PACK = "cabinet-2025-11"
TITLE = "Adult Social Care and Health Performance Q2 2025/26"
# As published: "four were RAG rated Green ... all remaining continuing to be RAG rated Amber"
PUBLISHED = {"ASCH1": ("3%", "GREEN"), "ASCH2": ("77%", "AMBER"), "ASCH3": ("25%", "AMBER"),
             "ASCH4": ("85%", "GREEN"), "ASCH5": ("18 per 100,000", "GREEN"),
             "ASCH6": ("558 per 100,000", "GREEN"), "ASCH7": ("75%", "AMBER")}
# Printed Q2 2025/26 figures of the monitored KPIs (first series where there are several)
MONITORED = {"ASCH8": "8,441", "ASCH9": "4,320", "ASCH10": "735", "ASCH11": "17,065", "ASCH12": "2,761",
             "ASCH13": "£1,012", "ASCH14": "1,238", "ASCH15": "2,932", "ASCH16": "2,521", "ASCH17": "1,479",
             "ASCH20": "2,469", "ASCH22": "30%"}


@pytest.fixture(scope="module")
def outputs(built_example: Callable[[str], Path]) -> Path:
    return built_example(PACK)


def test_ratings_and_figures_match_the_published_dashboard(outputs: Path) -> None:
    tables = _docx_tables(outputs / "performance-report.docx")
    pdf_rows = _pdf_rows(outputs / "performance-report.pdf")
    headline = next(rows for caption, rows in tables.items() if "Headline KPIs" in caption)
    for kpi_id, (figure, rating) in PUBLISHED.items():
        docx_row = next(r for r in headline if r[0] == kpi_id)
        pdf_row = next(r for r in pdf_rows if r[0] == kpi_id)
        assert (docx_row[2], docx_row[5]) == (figure, rating), kpi_id
        assert (pdf_row[2], pdf_row[5]) == (figure, rating), kpi_id


def test_illustrative_values_are_disclosed_once_per_table(outputs: Path) -> None:
    with pdfplumber.open(outputs / "performance-report.pdf") as pdf:
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pdf.pages))
    assert "Illustrative: the ASCH4 value and its rating." in text
    cells = [cell for rows in _docx_tables(outputs / "performance-report.docx").values()
             for row in rows for cell in row]
    assert len(cells) > 200 and not [cell for cell in cells if "(illustrative)" in cell]


def test_every_kpi_has_its_table_figure_and_chart(outputs: Path) -> None:
    tables = _docx_tables(outputs / "performance-report.docx")
    with pdfplumber.open(outputs / "performance-report.pdf") as pdf:
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pdf.pages))
    for kpi_id, figure in {**MONITORED, **{k: v[0] for k, v in PUBLISHED.items()}}.items():
        caption = next(c for c in tables if re.search(rf": {kpi_id} in ", c))
        assert figure in [cell for row in tables[caption][1:] for cell in row], kpi_id
        assert f"{kpi_id} in Q" in text and re.search(rf"Figure \d+: {kpi_id} by quarter", text), kpi_id
    assert "Of the seven key performance indicators, four were rated Green and three Amber." in text


def test_risk_outcomes_are_a_stacked_share_chart(outputs: Path) -> None:
    import docx

    from accessibility import docx_alt_texts

    alts = docx_alt_texts(docx.Document(str(outputs / "performance-report.docx")))
    risk = next(a for a in alts if "ASCH22" in a)
    assert risk.startswith("Stacked bar chart") and "Q2 2025/26: 30% risk removed" in risk


def test_accessibility_properties_hold(outputs: Path) -> None:
    check_pdf(outputs / "performance-report.pdf", TITLE)
    check_docx(outputs / "performance-report.docx", TITLE)
