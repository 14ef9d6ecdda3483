"""`reportkit check`: the broken-content corpus gives exactly its expected findings, clean packs give no
errors, the build refuses to publish an error, and every rule is documented."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from reportkit.check.engine import check_pack
from reportkit.check.findings import AGREEMENT_RULES, RULES, Finding
from reportkit.cli import main

from conftest import FIXTURES, REPO, build, edit, make_project

CASES = yaml.safe_load((Path(__file__).parent / "corpus" / "cases.yaml").read_text(encoding="utf-8"))
EXAMPLES = ["cabinet-2026-07", "cabinet-2025-11", "self-assessment-2024-09", "market-position-2025"]


def _located(finding: Finding, root: Path) -> tuple[str, str]:
    """(rule, 'file:line') with the file relative to its pack (or theme) folder."""
    path = finding.path.resolve()
    for folder in (*(root / "content").iterdir(), root / "templates" / "kent"):
        if path.is_relative_to(folder.resolve()):
            relative = path.relative_to(folder.resolve()).as_posix()
            return finding.rule, f"{relative}:{finding.line}" if finding.line else relative
    return finding.rule, str(path)


def _apply(root: Path, pack: str, change: dict) -> None:
    folder = root / "templates" / "kent" if change.get("theme") else root / "content" / pack
    if "text" in change:
        (folder / change["file"]).write_text(change["text"], encoding="utf-8")
    else:
        edit(folder / change["file"], change["old"], change["new"])


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_corpus_case_gives_exactly_its_findings(case: str, tmp_path: Path) -> None:
    spec = CASES[case]
    packs = [spec["pack"], *spec.get("includes", [])]
    root = make_project(tmp_path / "project", {name: FIXTURES / name if (FIXTURES / name).is_dir()
                                               else REPO / "content" / name for name in packs})
    before = Counter(_located(f, root) for f in check_pack(root, spec["pack"]))
    for change in spec["edits"]:
        _apply(root, spec["pack"], change)
    after = Counter(_located(f, root) for f in check_pack(root, spec["pack"]))
    added = after - before
    assert sorted(added.elements()) == sorted(tuple(e) for e in spec["expected"])


def test_every_rule_has_a_corpus_case_and_is_documented() -> None:
    covered = {rule for spec in CASES.values() for rule, _ in spec["expected"]}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert rule_id in covered, rule_id
        assert f"`{rule_id}`" in readme, rule_id


@pytest.mark.parametrize("pack", EXAMPLES)
def test_clean_example_packs_have_no_errors(pack: str) -> None:
    findings = check_pack(REPO, pack)
    assert [f for f in findings if f.severity == "error"] == []
    agreement = {rule.id for rule in AGREEMENT_RULES}
    assert [f for f in findings if f.rule in agreement] == []  # the prose-data rules add no warnings either
    assert (sum(1 for f in findings if f.rule == "plain/reading-ease")
            == len(list((REPO / "content" / pack).rglob("*.md"))))


def test_json_output_for_ci(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})
    edit(root / "content" / "mini" / "report.md", "an.author@kent.gov.uk", "an.author@kant.gov.uk")
    assert main(["--root", str(root), "check", "mini", "--json"]) == 2
    findings = json.loads(capsys.readouterr().out)
    email = next(f for f in findings if f["rule"] == "text/email-domain")
    assert email == {"file": "content/mini/report.md", "line": 16, "column": 12, "rule": "text/email-domain",
                     "severity": "error", "message": "'an.author@kant.gov.uk' is not at kent.gov.uk",
                     "hint": RULES["text/email-domain"].fix}


def test_the_build_refuses_to_publish_an_error_and_keeps_the_last_outputs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})
    assert build(root, "mini") == 0
    outputs = root / "build" / "mini"
    before = {p.relative_to(outputs): p.read_bytes() for p in outputs.rglob("*") if p.is_file()}
    capsys.readouterr()
    edit(root / "content" / "mini" / "report.md", "The peak month saw", "The peak month (TBC) saw")
    assert build(root, "mini") == 2
    err = capsys.readouterr().err
    assert "content/mini/report.md:24:17: error [text/placeholder] 'TBC' left in the text" in err
    assert "nothing was published" in err and "Traceback" not in err
    assert {p.relative_to(outputs): p.read_bytes() for p in outputs.rglob("*") if p.is_file()} == before
