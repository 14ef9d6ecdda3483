"""Mistakes in a meeting pack: one line with pack.yaml's (or the paper's) line and a hint, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, build, edit, fails_cleanly, make_project

# (file to edit, text to replace, replacement, expected 'file:line', words in the message)
CASES = {
    "paper that does not exist": ("pack.yaml", "papers: [decision.md]", "papers: [decisions.md]", "pack.yaml:31",
                                  "paper 'decisions.md' not found"),
    "duplicate item number": ("pack.yaml", "number: 8\n", "number: 7\n", "pack.yaml:32", "item number 7 is used twice"),
    "items out of order": ("pack.yaml", "number: 5\n", "number: 15\n", "pack.yaml:26",
                           "item 6 is listed after item 15"),
    "exempt item without its paragraph": ("pack.yaml", "      paragraph: 3\n", "", "pack.yaml:35",
                                          "no Schedule 12A paragraph"),
    "paragraph outside Schedule 12A": ("pack.yaml", "paragraph: 3", "paragraph: 9", "pack.yaml:37",
                                       "less than or equal to 7"),
    "paragraph on a public item": ("pack.yaml", "      verbal: true\n", "      verbal: true\n      paragraph: 2\n",
                                   "pack.yaml:26", "not marked exempt"),
    "paper both public and exempt": ("pack.yaml", "papers: [contract.md]", "papers: [contract.md, decision.md]",
                                     "pack.yaml:38", "listed both in public and as exempt"),
    "exempt paper under a public item": ("pack.yaml", "papers: [programme.md]\n    - number: 9\n      exempt: true\n"
                                         "      paragraph: 3\n      papers: [contract.md]", "papers: [contract.md]",
                                         "pack.yaml:34", "classified exempt but listed under public item 8"),
    "public paper under an exempt item": ("contract.md", "classification: \"Exempt: paragraph 3 of Part 1 of Schedule "
                                          "12A to the Local Government Act 1972\"\n", "", "pack.yaml:38",
                                          "under exempt item 9 but is classified 'Unrestricted'"),
    "unknown standard item": ("pack.yaml", "standard: apologies", "standard: apology", "pack.yaml:19",
                              "did you mean 'apologies'"),
    "verbal item with papers": ("pack.yaml", "title: Work Programme\n", "title: Work Programme\n      verbal: true\n",
                                "pack.yaml:32", "verbal update but lists papers"),
    "unknown other pack": ("pack.yaml", "pack: mini", "pack: mimi", "pack.yaml:29", "no other pack called 'mimi'"),
    "time not as printed": ("pack.yaml", "time: 10.00 am", "time: '10:00'", "pack.yaml:6", "2.00 pm"),
    "published after the meeting": ("pack.yaml", "published: 2026-03-23", "published: 2026-04-02", "pack.yaml:15",
                                    "published after the meeting"),
    "both documents and meeting": ("pack.yaml", "meeting:\n", "documents: [minutes.md]\nmeeting:\n", "pack.yaml:4",
                                   "either its 'documents:' or a 'meeting:'"),
    "minute without its item": ("minutes.md", "## Apologies and Substitutes (Item 2)", "## Apologies and Substitutes",
                                "minutes.md:15", "(Item N)"),
    "minutes missing who was present": ("minutes.md", "present: [Ms A One (Chair), Mr B Two, Mrs C Three, Mr D Four]\n",
                                        "", "minutes.md:", "required field 'present'"),
    "record of decision without its decision section": ("decision-record.md", "# Decision\n", "# Decided\n",
                                                        "decision-record.md:2", "no 'Decision' section"),
    "record of decision on a report without a decision number": ("decision.md", "decision_number: 26/00001\n", "",
                                                                  "decision.md:", "decision number"),
    "EqIA missing a characteristic": ("decision-eqia.md", "  race: {positive: The service is open to everyone.}\n", "",
                                      "decision-eqia.md:", "no answer for 'race'"),
    "EqIA negative impact without mitigation": ("decision-eqia.md", "    mitigation: Offer visits at home.\n", "",
                                                "decision-eqia.md:", "needs its mitigation"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_meeting_mistake_fails_cleanly(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    relative, old, new, where, words = CASES[case]
    root = make_project(tmp_path, {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    edit(root / "content" / "meeting" / relative, old, new)
    assert build(root, "meeting") == 2
    captured = capsys.readouterr()
    fails_cleanly(root, "meeting", captured.err, captured.out, where, words)
    assert not (root / "build" / "meeting").exists()
