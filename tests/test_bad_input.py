"""Author mistakes: one line naming file:line with a hint, exit code 2, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, edit, fails_cleanly

# (file to edit, text to replace, replacement, expected 'file:line' in the message, words in the message)
CASES = {
    "malformed yaml": ("report.md", "subject: Waiting times update", "subject: [Waiting times", "report.md:10", "YAML"),
    "missing required field": ("report.md", "subject: Waiting times update\n", "", "report.md:",
                               "required field 'subject'"),
    "unknown field (typo)": ("report.md", "summary:", "sumary:", "report.md:10", "unknown field 'sumary'"),
    "unknown value cited": ("report.md", "{{ waits.waiting.previous }}", "{{ waits.wating.previous }}", "report.md:22",
                            "unknown value 'waits.wating.previous'"),
    "expression in placeholder": ("report.md", "{{ figures.peak }}", "{{ 7 * 7 }}", "report.md:24", "not a value name"),
    "missing data file": ("report.md", "data: waits\ncaption", "data: wait\ncaption", "report.md:32",
                          "no data file called 'wait'"),
    "ragged csv row": ("data/waits.csv", "median,Median wait,days,30,24,27", "median,Median wait,days,30,24",
                       "waits.csv:5", "row has 5 cells"),
    "ragged markdown table": ("report.md", "| One | Assessing needs |", "| One | Assessing needs | extra |",
                              "report.md:49", "3 cells"),
    "not a number": ("data/waits.csv", "2400,2070,1928", "2400,2O70,1928", "waits.csv:4", "'2O70' is not a number"),
    "period that does not parse": ("data/waits.csv", "Q3 2025/26", "Q5 2025/26", "waits.csv:3", "no quarter 5"),
    "malformed financial year": ("data/waits.csv", "Q3 2025/26", "Q3 2026/207", "waits.csv:3", "financial year"),
    "unknown measure in chart": ("report.md", "measures: [waiting]", "measures: [waitng]", "report.md:39",
                                 "no measure called 'waitng'"),
    "unknown chart type": ("report.md", "type: line", "type: pie", "report.md:37", "field 'type'"),
    "image without alt text": ("report.md", "# Next steps\n", "# Next steps\n\n![](data/figures.yaml)\n",
                               "report.md:45", "no alt text"),
    "image outside the pack": ("report.md", "# Next steps\n", "# Next steps\n\n![A logo](../../secret.png)\n",
                               "report.md:45", "outside the pack"),
    "link that is not web or mail": ("report.md", "completions.", "completions, [see](ftp://example.org/x).",
                                     "report.md:24", "not a web or mail address"),
    "skipped heading level": ("report.md", "## Detail", "### Detail", "report.md:26", "skipping a level"),
    "unknown document type": ("report.md", "type: committee-report", "type: comittee-report", "report.md:2",
                              "did you mean 'committee-report'"),
    "missing document": ("pack.yaml", "- report.md", "- reprot.md", "pack.yaml:5", "not found"),
    "unknown theme": ("pack.yaml", "theme: kent", "theme: kant", "pack.yaml:2", "no theme called 'kant'"),
    "bad date": ("report.md", "date: 2026-04-01", "date: 2026-04-31", "report.md:8", "not a real date"),
    "unknown csv comment key": ("data/waits.csv", "# source:", "# sauce:", "waits.csv:1", "unknown comment line"),
    "illustrative names a missing column": ("data/plan.csv", "# illustrative: status", "# illustrative: stat",
                                            "plan.csv", "'stat'"),
    "front matter not closed": ("appendix.md", "orientation: landscape\n---", "orientation: landscape", "appendix.md:1",
                                "not closed"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_fails_cleanly(case: str, mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    relative, old, new, where, words = CASES[case]
    assert build(mini_project, "mini") == 0
    outputs = mini_project / "build" / "mini"
    before = {p.relative_to(outputs): p.read_bytes() for p in outputs.rglob("*") if p.is_file()}
    capsys.readouterr()

    edit(mini_project / "content" / "mini" / relative, old, new)
    assert build(mini_project, "mini") == 2
    captured = capsys.readouterr()
    fails_cleanly(mini_project, "mini", captured.err, captured.out, where, words)
    assert {p.relative_to(outputs): p.read_bytes() for p in outputs.rglob("*") if p.is_file()} == before
    assert not [p for p in (mini_project / "build").iterdir() if p.name.startswith(".staging")]


def test_unknown_pack_names_the_close_one(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(mini_project, "mnii") == 2
    assert "did you mean 'mini'" in capsys.readouterr().err


@pytest.mark.parametrize("font, words", [("fonts/Missing.ttf", "not found"),
                                         ("../../elsewhere.ttf", "outside the theme")])
def test_theme_fonts_must_be_bundled_in_the_theme(font: str, words: str, mini_project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini_project / "templates" / "kent" / "theme.yaml", "fonts/LiberationSans-Bold.ttf", font)
    assert build(mini_project, "mini") == 2
    err = capsys.readouterr().err
    assert "templates/kent/theme.yaml" in err and words in err and "Traceback" not in err
