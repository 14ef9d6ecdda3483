"""The CQC framework shipped as data, and the overall rating computed from the published bands."""

from __future__ import annotations

import pytest

from reportkit.compute.cqc import framework, overall


def test_framework_has_four_themes_and_nine_statements_in_order() -> None:
    rules = framework()
    assert [name for name, _ in rules.themes] == ["Working with people", "Providing support",
                                                   "Ensuring safety within the system", "Leadership"]
    assert len(rules.statements) == 9
    assert rules.statements[0] == "Assessing needs" and rules.statements[-1] == "Learning, improvement and innovation"
    assert rules.theme_of("Safeguarding") == "Ensuring safety within the system"
    assert sorted(rules.scores) == [1, 2, 3, 4]
    assert rules.version and rules.source.startswith("https://www.cqc.org.uk/")


@pytest.mark.parametrize("scores, total, percent, rating", [
    ([2, 2, 3, 2, 2, 2, 2, 2, 3], 20, 55.6, "Requires improvement"),  # Kent, May 2025
    ([1] * 9, 9, 25.0, "Inadequate"),
    ([4] * 9, 36, 100.0, "Outstanding"),
    ([3, 3, 3, 3, 3, 2, 2, 2, 2], 23, 63.9, "Good"),
    ([3, 3, 3, 3, 3, 3, 3, 3, 4], 28, 77.8, "Good"),
    ([4, 4, 4, 4, 4, 4, 4, 4, 3], 35, 97.2, "Outstanding"),
    ([2, 2, 2, 2, 2, 2, 2, 2, 2], 18, 50.0, "Requires improvement"),
])
def test_overall_rating_from_the_bands(scores: list[int], total: int, percent: float, rating: str) -> None:
    result = overall(scores, framework())
    assert (result.total, result.maximum, round(result.percent, 1), result.rating) == (total, 36, percent, rating)


def test_a_total_between_two_bands_is_ambiguous_not_rounded() -> None:
    result = overall([2, 2, 2, 2, 1, 1, 1, 1, 2], framework())  # 14 of 36 = 38.9%
    assert result.rating is None
    assert result.between == ("Inadequate", "Requires improvement")
    assert result.describe() == ("14 of 36 (38.9%): between Inadequate and Requires improvement; "
                                 "the published bands do not say which")


def test_boundaries_of_the_bands() -> None:
    rules = framework()
    # 8 statements: 20/32 = 62.5% sits between 62% (Requires improvement) and 63% (Good)
    assert overall([3, 3, 3, 3, 2, 2, 2, 2], rules).between == ("Requires improvement", "Good")
    # 7/28 = 25%: the bottom of Inadequate; 25/28 = 89.3%: Outstanding
    assert overall([1] * 7, rules).rating == "Inadequate"
    assert overall([4, 4, 4, 4, 3, 3, 3], rules).rating == "Outstanding"


@pytest.mark.parametrize("bad", [[0, 2, 2], [5, 2, 2], []])
def test_scores_outside_one_to_four_are_refused(bad: list[int]) -> None:
    with pytest.raises(ValueError):
        overall(bad, framework())
