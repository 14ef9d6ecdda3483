"""Shared fixtures: throwaway project folders and the example pack, built once per test session."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from reportkit.cli import main
from reportkit.manifest import included_packs

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = "cabinet-2026-07"


def make_project(base: Path, packs: dict[str, Path]) -> Path:
    """A project folder with the repository's templates and copies of the given packs."""
    base.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "templates", base / "templates")
    for name, source in packs.items():
        shutil.copytree(source, base / "content" / name)
    return base


def build(root: Path, pack: str) -> int:
    return main(["--root", str(root), "build", pack])


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a content file, which must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails_cleanly(root: Path, pack: str, err: str, out: str, where: str, words: str) -> None:
    """A failed build said one line naming ``where`` and ``words`` with a hint, no traceback, and wrote nothing."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err + out, err
    assert re.match(rf"error: content/{re.escape(pack)}/\S+(:\d+)?: ", lines[0]), lines[0]
    assert where in lines[0] and words in lines[0] and "(hint: " in lines[0], lines[0]
    leftovers = list((root / "build").glob(".staging*")) if (root / "build").is_dir() else []
    assert not leftovers, leftovers


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A small pack exercising every block type, in its own folder."""
    return make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """build/<pack> of a copy of one of the repository's example packs, built once per test session."""
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            pack_yaml = yaml.safe_load((REPO / "content" / name / "pack.yaml").read_text(encoding="utf-8"))
            packs = {n: REPO / "content" / n for n in (name, *included_packs(pack_yaml))}
            root = make_project(tmp_path_factory.mktemp(name), packs)
            assert build(root, name) == 0
            built[name] = root / "build" / name
        return built[name]

    return get


@pytest.fixture(scope="session")
def example_build(built_example: Callable[[str], Path]) -> Path:
    """build/cabinet-2026-07 of a copy of the repository's example content."""
    return built_example(EXAMPLE)


@pytest.fixture(scope="session")
def example_pdf(example_build: Path) -> Path:
    return example_build / "cqc-improvement-plan-update.pdf"


@pytest.fixture(scope="session")
def example_docx(example_build: Path) -> Path:
    return example_build / "cqc-improvement-plan-update.docx"
