"""Same inputs, same bytes: across repeated builds and across clone paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportkit.cli import main

from conftest import EXAMPLE, REPO, build, make_project


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_across_runs_and_paths(tmp_path: Path, example_build: Path) -> None:
    other = make_project(tmp_path / "a" / "different" / "clone", {EXAMPLE: REPO / "content" / EXAMPLE})
    assert build(other, EXAMPLE) == 0
    first = _files(other / "build" / EXAMPLE)
    assert main(["--root", str(other), "build", "--force", EXAMPLE]) == 0  # again, now with the chart cache warm
    second = _files(other / "build" / EXAMPLE)
    elsewhere = _files(example_build)
    assert {name for name in first if "/" not in name} == {"cqc-improvement-plan-update.pdf",
                                                           "cqc-improvement-plan-update.docx", "manifest.json"}
    assert first == second
    assert first == elsewhere


def test_manifest_records_inputs_outputs_and_tools(example_build: Path) -> None:
    import hashlib

    manifest = json.loads((example_build / "manifest.json").read_text())
    assert manifest["pack"] == EXAMPLE
    assert f"content/{EXAMPLE}/pack.yaml" in manifest["inputs"]
    assert "templates/kent/theme.yaml" in manifest["inputs"]
    for name, digest in manifest["outputs"].items():
        assert hashlib.sha256((example_build / name).read_bytes()).hexdigest() == digest
    assert {"weasyprint", "python-docx", "matplotlib", "python"} <= set(manifest["tools"])


def test_a_rebuild_with_nothing_changed_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project", {EXAMPLE: REPO / "content" / EXAMPLE})
    assert build(root, EXAMPLE) == 0
    folder = root / "build" / EXAMPLE
    stamps = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    capsys.readouterr()
    assert build(root, EXAMPLE) == 0
    assert "is up to date" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == stamps
    # any change to an input, or to an output, makes the next build a real one
    (root / "content" / EXAMPLE / "data" / "figures.yaml").write_text(
        (root / "content" / EXAMPLE / "data" / "figures.yaml").read_text() + "\n# touched\n")
    assert build(root, EXAMPLE) == 0
    assert "wrote " in capsys.readouterr().out
    (folder / "cqc-improvement-plan-update.pdf").write_bytes(b"damaged")
    assert build(root, EXAMPLE) == 0
    assert "wrote " in capsys.readouterr().out
    assert (folder / "cqc-improvement-plan-update.pdf").read_bytes().startswith(b"%PDF")
