"""The reading stage on its own, with the numbering transform: numbering, periods, formats and named values."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.compute.numbers import format_change, format_value
from reportkit.compute.periods import PeriodError, parse_financial_year, parse_period
from reportkit.compute.values import named_values
from reportkit.model import Callout, Document, Heading, Metadata, Paragraph, Part, Strong, Text, plain_text
from reportkit.read.data import load_csv
from reportkit.read.markdown import MarkdownReader
from reportkit.resolve.numbering import number_document
from reportkit.theme import Numbering, ReferenceWords


def _read(body: str) -> list:
    reader = MarkdownReader(Path("doc.md"), Path("."), numbered=True)
    doc = Document("doc", Metadata("t", "s", "a", "en-GB", "Unrestricted"), (Part(tuple(reader.read(body, 1))),))
    return list(number_document(doc, Numbering(), ReferenceWords()).parts[0].blocks)


def test_paragraphs_and_headings_share_numbers_as_committee_reports_do() -> None:
    blocks = _read("# Intro\n\nOne.\n\nTwo.\n\n## Theme\n\nThree.\n\n### Topic\n\nFour.\n\nFive.\n\n# Next\n\nSix.\n")
    numbers = [(type(b).__name__, b.number) for b in blocks]
    assert numbers == [("Heading", "1."), ("Paragraph", "1.1"), ("Paragraph", "1.2"), ("Heading", "1.3"),
                       ("Paragraph", "1.3.1"), ("Heading", "1.3.2"), ("Paragraph", "1.3.3"),
                       ("Paragraph", "1.3.4"), ("Heading", "2."), ("Paragraph", "2.1")]
    assert [b.level for b in blocks if isinstance(b, Heading)] == [2, 3, 4, 2]


def test_list_items_and_callouts_are_not_numbered() -> None:
    blocks = _read("# A\n\nLead.\n\n- x\n- y\n\n> **Case study**\n> Body text.\n\nAfter.\n")
    assert [getattr(b, "number", None) for b in blocks if isinstance(b, Paragraph)] == ["1.1", "1.2"]
    callout = next(b for b in blocks if isinstance(b, Callout))
    assert callout.title == "Case study"
    assert plain_text(callout.blocks[0].content) == "Body text."


def test_bold_survives_as_strong() -> None:
    paragraph = _read("# A\n\nWe **NOTE** this.\n")[1]
    assert Strong((Text("NOTE"),)) in paragraph.content


@pytest.mark.parametrize("label, start", [("Q1 2025/26", (2025, 4)), ("Q4 2025/26", (2026, 1)),
                                          ("2025/26", (2025, 4)), ("April 2026", (2026, 4)),
                                          ("Sep 2025", (2025, 9)), ("Q3 1999/00", (1999, 10))])
def test_periods_parse_and_order(label: str, start: tuple[int, int]) -> None:
    period = parse_period(label)
    assert (period.start_year, period.start_month) == start


@pytest.mark.parametrize("label", ["Q5 2025/26", "2026/207", "2025/27", "Q2 2025", "Smarch 2026", "Q0 2025/26"])
def test_bad_periods_are_refused(label: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(label)


def test_financial_year_century() -> None:
    assert parse_financial_year("1999/00") == (1999, 2000)
    assert parse_financial_year("2025/2026") == (2025, 2026)


@pytest.mark.parametrize("value, unit, decimals, text", [
    (2070, "count", 0, "2,070"), (65, "percent", 0, "65%"), (55.55, "percent", 1, "55.5%"),
    (1, "days", 0, "1 day"), (167, "days", 0, "167 days"), (-142, "count", 0, "-142"),
    (1234567.891, "gbp", 2, "£1,234,567.89"), (12.5, "rate_per_100k", 1, "12.5 per 100,000")])
def test_number_formats(value: float, unit: str, decimals: int, text: str) -> None:
    assert format_value(value, unit, decimals) == text


def test_changes_are_signed_and_percent_changes_are_points() -> None:
    assert format_change(61, "count", 0) == "+61"
    assert format_change(-3, "days", 0) == "-3 days"
    assert format_change(2, "percent", 0) == "+2 percentage points"


def test_named_values_from_a_measure_table(tmp_path: Path) -> None:
    path = tmp_path / "waits.csv"
    path.write_text("# illustrative: Q1 2025/26\nmeasure,label,unit,Q1 2025/26,Q2 2025/26,Q3 2025/26\n"
                    "waiting,Waiting,count,2400,2070,1928\nrate,Rate,percent,10.0,,12.5\n")
    values = named_values({"waits": load_csv(path)}, {})
    assert values["waits.waiting.latest"].text == "1,928"
    assert values["waits.waiting.previous"].text == "2,070"
    assert values["waits.waiting.change"].text == "-142"
    assert values["waits.waiting.pct_change"].text == "-6.9%"
    assert values["waits.waiting.q1-2025-26"].illustrative and not values["waits.waiting.latest"].illustrative
    assert values["waits.rate.previous"].text == "10.0%"  # the gap in Q2 is skipped
    assert "waits.rate.q2-2025-26" not in values


def _numbered(body: str, **scheme: object) -> list:
    reader = MarkdownReader(Path("doc.md"), Path("."), numbered=True)
    doc = Document("doc", Metadata("t", "s", "a", "en-GB", "Unrestricted"), (Part(tuple(reader.read(body, 1))),))
    return list(number_document(doc, Numbering(**scheme), ReferenceWords()).parts[0].blocks)  # type: ignore[arg-type]


BODY = "# Intro\n\nOne.\n\nTwo.\n\n## Theme\n\nThree.\n\n# Next\n\nFour.\n\n- a point\n- another\n"


def test_flat_paragraphs_under_unnumbered_headings_with_lettered_points() -> None:
    blocks = _numbered(BODY, headings=False, paragraphs="flat", sub_points="a)")
    assert [b.number for b in blocks if isinstance(b, (Heading, Paragraph))] == ["", "1.", "2.", "", "3.", "", "4."]
    points = blocks[-1]
    assert points.ordered and points.style == "a)" and points.start == 1


def test_no_paragraph_numbers_under_numbered_headings() -> None:
    blocks = _numbered(BODY, paragraphs="none")
    assert [b.number for b in blocks if isinstance(b, (Heading, Paragraph))] == ["1.", "", "", "1.1", "", "2.", ""]
    assert not blocks[-1].ordered  # points stay as written


def test_captions_per_appendix() -> None:
    from reportkit.model import Appendix, Table

    def table(caption: str) -> Table:
        return Table(caption, ((), ), ())

    doc = Document("doc", Metadata("t", "s", "a", "en-GB", "Unrestricted"), (
        Part((table("In the report"),)),
        Part((table("First in A"), table("Second in A")), appendix=Appendix("Plan", 1)),
        Part((table("First in B"),), appendix=Appendix("Costs", 2))))
    numbered = number_document(doc, Numbering(captions="appendix", appendices="letters"), ReferenceWords())
    captions = [b.caption_line for part in numbered.parts for b in part.blocks if isinstance(b, Table)]
    assert captions == ["Table 1: In the report", "Table A.1: First in A", "Table A.2: Second in A",
                        "Table B.1: First in B"]
    headings = [part.blocks[0].content[0].text for part in numbered.parts[1:]]
    assert headings == ["Appendix A: Plan", "Appendix B: Costs"]
