"""KPI computations: RAG ratings at their boundaries, threshold checks, direction of travel,
summary sentences and the periods assess() compares with."""

from __future__ import annotations

import pytest

from reportkit.compute.kpi import (
    KpiDefinition,
    arrow,
    assess,
    check_thresholds,
    direction,
    rag,
    rating_summary,
    shift,
)
from reportkit.compute.periods import parse_period

# ---- RAG: Kent's floor rule -------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (81.0, "GREEN"),   # above target
    (80.0, "GREEN"),   # exactly at target
    (79.9, "AMBER"),   # just below target
    (75.1, "AMBER"),
    (75.0, "AMBER"),   # exactly at the floor
    (74.9, "RED"),     # just below the floor
    (10.0, "RED"),
])
def test_floor_rule_higher_is_better(value: float, expected: str) -> None:
    # ASCH2: target 80%, floor threshold 75%
    assert rag(value, target=80, threshold=75, polarity="higher") == expected


@pytest.mark.parametrize("value, expected", [
    (3.0, "GREEN"),    # ASCH1 in Q2 2025/26
    (5.0, "GREEN"),    # exactly at target
    (5.1, "AMBER"),    # just above target
    (9.0, "AMBER"),    # exactly at the upper threshold
    (9.1, "RED"),      # just above the upper threshold
    (4.9, "GREEN"),
])
def test_floor_rule_lower_is_better(value: float, expected: str) -> None:
    # ASCH1: target 5%, upper threshold 9%
    assert rag(value, target=5, threshold=9, polarity="lower") == expected


@pytest.mark.parametrize("value, target, threshold, expected", [
    (18, 18, 22, "GREEN"),     # ASCH5 Q2 2025/26: exactly at target 18 per 100,000
    (22, 18, 22, "AMBER"),
    (23, 18, 22, "RED"),
    (558, 588, 617, "GREEN"),  # ASCH6 Q2 2025/26
    (600, 588, 617, "AMBER"),
    (618, 588, 617, "RED"),
])
def test_rates_per_100k_lower_is_better(value: float, target: float, threshold: float, expected: str) -> None:
    assert rag(value, target, threshold, "lower") == expected


def test_boundaries_survive_floating_point_noise() -> None:
    assert rag(0.1 + 0.2, target=0.3, threshold=0.2, polarity="higher") == "GREEN"
    assert rag(0.1 + 0.2, target=0.25, threshold=0.3, polarity="lower") == "AMBER"


def test_polarity_decides_the_rating() -> None:
    # the same numbers, read the other way round, give the opposite answer
    assert rag(90, target=85, threshold=80, polarity="higher") == "GREEN"
    assert rag(90, target=85, threshold=95, polarity="lower") == "AMBER"


# ---- RAG: tolerance rule ----------------------------------------------------------------------

@pytest.mark.parametrize("value, polarity, expected", [
    (80, "higher", "GREEN"),
    (79, "higher", "AMBER"),
    (72, "higher", "AMBER"),   # exactly 10% below the target of 80
    (71.9, "higher", "RED"),
    (80, "lower", "GREEN"),
    (81, "lower", "AMBER"),
    (88, "lower", "AMBER"),    # exactly 10% above the target of 80
    (88.1, "lower", "RED"),
    (60, "lower", "GREEN"),
])
def test_tolerance_rule(value: float, polarity: str, expected: str) -> None:
    # the threshold is ignored by the tolerance rule: 0 would make everything AMBER under 'floor'
    assert rag(value, 80, 0, polarity, rule="tolerance") == expected  # type: ignore[arg-type]


def test_tolerance_percentage_is_configurable() -> None:
    assert rag(76, 80, None, "higher", rule="tolerance", tolerance_pct=5) == "AMBER"
    assert rag(75.9, 80, None, "higher", rule="tolerance", tolerance_pct=5) == "RED"
    assert rag(75.9, 80, None, "higher", rule="tolerance", tolerance_pct=10) == "AMBER"


@pytest.mark.parametrize("kwargs", [
    {"polarity": "up"},
    {"rule": "band"},
    {"threshold": None},
])
def test_rag_rejects_bad_settings(kwargs: dict) -> None:
    settings = {"value": 70, "target": 80, "threshold": 75, "polarity": "higher", "rule": "floor"} | kwargs
    with pytest.raises(ValueError):
        rag(**settings)


# ---- threshold checks -------------------------------------------------------------------------

@pytest.mark.parametrize("target, threshold, polarity", [
    (80, 75, "higher"),    # ASCH2
    (30, 24, "higher"),    # ASCH3
    (85, 80, "higher"),    # ASCH4 with a floor that fits its target
    (5, 9, "lower"),       # ASCH1
    (18, 22, "lower"),     # ASCH5
    (588, 617, "lower"),   # ASCH6
    (80, 80, "higher"),    # no amber band, but no contradiction
])
def test_consistent_thresholds_pass(target: float, threshold: float, polarity: str) -> None:
    assert check_thresholds(target, threshold, polarity) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("target, threshold, polarity, words", [
    (80, 85, "higher", "above the target"),
    (5, 4, "lower", "below the target"),
    (85, 24, "higher", "typing slip"),      # ASCH4 as printed: ASCH3's 24% floor beside an 85% target
    (5, 50, "lower", "typing slip"),
])
def test_contradictory_thresholds_are_reported(target: float, threshold: float, polarity: str, words: str) -> None:
    message = check_thresholds(target, threshold, polarity)  # type: ignore[arg-type]
    assert message is not None and words in message
    assert f"{threshold:g}" in message and f"{target:g}" in message


def test_plausibility_check_can_be_turned_off() -> None:
    assert check_thresholds(85, 24, "higher", max_ratio=None) is None
    assert check_thresholds(80, 85, "higher", max_ratio=None) is not None


# ---- direction of travel ----------------------------------------------------------------------

@pytest.mark.parametrize("previous, current, polarity, expected", [
    (75, 77, "higher", "improving"),    # ASCH2 Q1 -> Q2
    (77, 75, "higher", "worsening"),
    (17, 18, "lower", "worsening"),     # ASCH5: a rise in admissions is worse
    (18, 17, "lower", "improving"),
    (3, 3, "lower", "no change"),       # ASCH1
    (25, 25, "higher", "no change"),    # ASCH3
    (None, 3, "lower", "not available"),
    (3, None, "higher", "not available"),
    (float("nan"), 3, "higher", "not available"),
])
def test_direction(previous, current, polarity, expected) -> None:
    assert direction(previous, current, polarity) == expected


@pytest.mark.parametrize("previous, current, expected", [
    (17, 18, "up"), (18, 17, "down"), (3, 3, "level"), (None, 3, ""), (3, None, ""),
])
def test_arrow_is_raw_movement(previous, current, expected) -> None:
    assert arrow(previous, current) == expected


def test_arrow_and_direction_differ_for_lower_is_better() -> None:
    assert arrow(17, 18) == "up"
    assert direction(17, 18, "lower") == "worsening"
    assert direction(17, 18, "higher") == "improving"


def test_comparison_at_printed_precision() -> None:
    assert direction(2.96, 3.04, "lower") == "worsening"
    assert direction(2.96, 3.04, "lower", decimals=0) == "no change"
    assert arrow(2.96, 3.04, decimals=0) == "level"
    assert arrow(2.94, 3.06, decimals=1) == "up"


# ---- summary sentences ------------------------------------------------------------------------

@pytest.mark.parametrize("ratings, expected", [
    (["GREEN"] * 4 + ["AMBER"] * 2 + ["RED"],
     "Of the seven key performance indicators, four were rated Green, two Amber and one Red."),
    # the seed's own Q2 2025/26 summary: no Red, so Red is left out
    (["GREEN", "AMBER", "AMBER", "GREEN", "GREEN", "GREEN", "AMBER"],
     "Of the seven key performance indicators, four were rated Green and three Amber."),
    (["RED", "GREEN", "RED"],
     "Of the three key performance indicators, one was rated Green and two Red."),
    (["AMBER", "RED"],
     "Of the two key performance indicators, one was rated Amber and one Red."),
    (["green", "Amber", "RED"],
     "Of the three key performance indicators, one was rated Green, one Amber and one Red."),
    (["GREEN"] * 20 + ["RED"],
     "Of the 21 key performance indicators, twenty were rated Green and one Red."),
    (["AMBER"] * 7, "All seven key performance indicators were rated Amber."),
    (["RED"] * 2, "Both key performance indicators were rated Red."),
    (["GREEN"], "The one key performance indicator was rated Green."),
    ([], "No key performance indicators were rated."),
])
def test_rating_summary(ratings: list[str], expected: str) -> None:
    assert rating_summary(ratings) == expected


def test_rating_summary_order_does_not_depend_on_input_order() -> None:
    assert rating_summary(["RED", "AMBER", "GREEN", "GREEN"]) == \
        "Of the four key performance indicators, two were rated Green, one Amber and one Red."


def test_rating_summary_noun() -> None:
    assert rating_summary(["GREEN", "RED", "RED"], noun="measures") == \
        "Of the three measures, one was rated Green and two Red."


def test_rating_summary_rejects_unknown_ratings() -> None:
    with pytest.raises(ValueError, match="BLUE"):
        rating_summary(["GREEN", "BLUE"])


# ---- periods and assess() ---------------------------------------------------------------------

@pytest.mark.parametrize("label, steps, expected", [
    ("Q2 2025/26", -1, "Q1 2025/26"),
    ("Q1 2025/26", -1, "Q4 2024/25"),
    ("Q4 2024/25", -1, "Q3 2024/25"),   # January -> October, across the calendar year
    ("Q2 2025/26", -4, "Q2 2024/25"),
    ("Q4 2099/00", 1, "Q1 2100/01"),
    ("Sep 2025", -1, "August 2025"),
    ("January 2026", -1, "December 2025"),
    ("March 2026", -12, "March 2025"),
])
def test_shift(label: str, steps: int, expected: str) -> None:
    shifted = shift(parse_period(label), steps)
    assert shifted.label == expected
    assert (shifted.start_year, shifted.start_month) == (parse_period(expected).start_year,
                                                          parse_period(expected).start_month)


ASCH2 = KpiDefinition(id="ASCH2", title="Care needs assessments delivered within 28 days", unit="percent",
                      decimals=0, polarity="higher", target=80, threshold=75)
ASCH5 = KpiDefinition(id="ASCH5", title="Admissions to care homes, adults 18-64", unit="rate_per_100k",
                      decimals=0, polarity="lower", target=18, threshold=22)


def _series(pairs: dict[str, float | None]):
    return {parse_period(label): value for label, value in pairs.items()}


def test_assess_quarterly_finds_previous_and_year_ago() -> None:
    values = _series({"Q1 2024/25": 69, "Q2 2024/25": 72, "Q3 2024/25": 73, "Q4 2024/25": 74,
                      "Q1 2025/26": 75, "Q2 2025/26": 77})
    status = assess(ASCH2, values, parse_period("Q2 2025/26"))
    assert (status.value, status.previous, status.year_ago) == (77, 75, 72)
    assert (status.previous_period, status.year_ago_period) == ("Q1 2025/26", "Q2 2024/25")
    assert status.rating == "AMBER"
    assert (status.vs_previous, status.vs_year_ago, status.arrow) == ("improving", "improving", "up")


def test_assess_across_the_financial_year_boundary() -> None:
    values = _series({"Q1 2024/25": 14, "Q4 2024/25": 19, "Q1 2025/26": 17})
    status = assess(ASCH5, values, parse_period("Q1 2025/26"))
    assert (status.previous, status.year_ago) == (19, 14)
    assert (status.previous_period, status.year_ago_period) == ("Q4 2024/25", "Q1 2024/25")
    assert (status.vs_previous, status.vs_year_ago) == ("improving", "worsening")
    assert status.arrow == "down"
    assert status.rating == "GREEN"


def test_assess_does_not_skip_a_missing_quarter() -> None:
    # Q1 2025/26 is absent: comparing with Q4 2024/25 instead would be wrong
    values = _series({"Q4 2024/25": 20, "Q2 2025/26": 18})
    status = assess(ASCH5, values, parse_period("Q2 2025/26"))
    assert status.previous is None and status.previous_period == "Q1 2025/26"
    assert status.vs_previous == "not available" and status.arrow == ""
    assert status.year_ago is None and status.vs_year_ago == "not available"


def test_assess_monthly_with_mixed_month_labels() -> None:
    monthly = KpiDefinition(id="M1", title="Contacts", unit="count", decimals=0, polarity="lower",
                            frequency="monthly")
    values = _series({"Sep 2024": 2700, "Jul 2025": 3368, "August 2025": 2900, "September 2025": 2800})
    status = assess(monthly, values, parse_period("Sep 2025"))
    assert status.period == "September 2025"
    assert (status.value, status.previous, status.year_ago) == (2800, 2900, 2700)
    assert (status.previous_period, status.year_ago_period) == ("August 2025", "Sep 2024")
    assert (status.vs_previous, status.vs_year_ago) == ("improving", "worsening")
    assert status.rating is None   # monitored only: no target


def test_assess_january_looks_back_to_december() -> None:
    monthly = KpiDefinition(id="M1", title="Contacts", unit="count", decimals=0, polarity="higher",
                            frequency="monthly")
    values = _series({"December 2025": 10, "January 2025": 12, "January 2026": 11})
    status = assess(monthly, values, parse_period("January 2026"))
    assert (status.previous, status.year_ago) == (10, 12)


def test_assess_compares_at_printed_precision() -> None:
    asch1 = KpiDefinition(id="ASCH1", title="Repeat contacts within 3 months", unit="percent", decimals=0,
                          polarity="lower", target=5, threshold=9)
    status = assess(asch1, _series({"Q1 2025/26": 2.8, "Q2 2025/26": 3.2}), parse_period("Q2 2025/26"))
    assert status.vs_previous == "no change" and status.arrow == "level"
    assert status.rating == "GREEN"


def test_assess_with_no_value_for_the_period() -> None:
    status = assess(ASCH2, _series({"Q1 2025/26": 75}), parse_period("Q2 2025/26"))
    assert status.value is None and status.rating is None and status.vs_previous == "not available"


def test_assess_rejects_a_month_for_a_quarterly_kpi() -> None:
    with pytest.raises(ValueError, match="quarterly"):
        assess(ASCH2, _series({"Q2 2025/26": 77}), parse_period("September 2025"))


def test_assess_rejects_the_same_month_twice() -> None:
    monthly = KpiDefinition(id="M1", title="x", unit="count", decimals=0, polarity="higher", frequency="monthly")
    with pytest.raises(ValueError, match="same period"):
        assess(monthly, _series({"Sep 2025": 1, "September 2025": 2}), parse_period("September 2025"))


@pytest.mark.parametrize("changes", [
    {"polarity": "up"},
    {"unit": "percentage"},
    {"frequency": "annual"},
    {"threshold": None},                     # floor rule without a floor
    {"series_labels": ("Blue", "Blue")},
])
def test_definition_validation(changes: dict) -> None:
    fields = {"id": "X", "title": "x", "unit": "percent", "decimals": 0, "polarity": "higher",
              "target": 80, "threshold": 75} | changes
    with pytest.raises(ValueError):
        KpiDefinition(**fields)


def test_definition_tolerance_rule_needs_no_threshold() -> None:
    kpi = KpiDefinition(id="X", title="x", unit="percent", decimals=0, polarity="higher", target=80,
                        rule="tolerance", tolerance_pct=5)
    assert kpi.rate(76) == "AMBER" and kpi.rate(75) == "RED" and kpi.rate(80) == "GREEN"
