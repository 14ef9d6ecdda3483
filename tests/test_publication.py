"""Publication: a build killed half-way or two builds of one pack at once leave build/PACK complete.

build/PACK is a link switched by one rename (reportkit/publish.py); these tests watch it from
outside while builds run, kill one with SIGKILL while it writes, and open what is left.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import docx
import pikepdf
import pytest

from conftest import build

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and signals")


def _command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reportkit", "--root", str(root), "build", "mini", *args]


def _complete(folder: Path) -> dict[str, str]:
    """build/PACK as a reader sees it: the manifest loads, every output it names is there with its hash,
    and the PDF and DOCX open."""
    recorded = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert {"report.pdf", "report.docx", "html/report.html", "html/index.html"} <= set(recorded)
    assert all(name in ("report.pdf", "report.docx") or name.startswith("html/") for name in recorded)
    for name, digest in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    with pikepdf.open(folder / "report.pdf") as pdf:
        assert len(pdf.pages) >= 2
    assert any("Waiting times update" in p.text for p in docx.Document(str(folder / "report.docx")).paragraphs)
    return recorded


class Watcher(threading.Thread):
    """Reads build/PACK/manifest.json as often as it can; counts the times it was missing or unreadable."""

    def __init__(self, folder: Path) -> None:
        super().__init__(daemon=True)
        self.folder, self.reads, self.missing, self.running = folder, 0, 0, True

    def run(self) -> None:
        while self.running:
            try:
                json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
                self.reads += 1
            except (OSError, ValueError):
                self.missing += 1


def _leftovers(root: Path) -> list[Path]:
    """Versions build/mini does not point to: at most the one a build replaced, or one being written."""
    live = (root / "build" / "mini").resolve()
    return [v for v in (root / "build" / ".versions" / "mini").iterdir() if not live.is_relative_to(v)]


def test_two_concurrent_builds_of_one_pack(mini_project: Path) -> None:
    assert build(mini_project, "mini") == 0
    watcher = Watcher(mini_project / "build" / "mini")
    watcher.start()
    runs = [subprocess.Popen(_command(mini_project, "--force"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    results = [run.communicate(timeout=300) for run in runs]
    watcher.running = False
    watcher.join()
    assert [run.returncode for run in runs] == [0, 0], results
    assert watcher.reads > 100 and watcher.missing == 0, (watcher.reads, watcher.missing)
    _complete(mini_project / "build" / "mini")
    assert len(_leftovers(mini_project)) == 1  # the version the second build replaced


def test_a_build_killed_mid_way_leaves_the_last_one(mini_project: Path) -> None:
    assert build(mini_project, "mini") == 0
    published = mini_project / "build" / "mini"
    before = _complete(published)
    versions = mini_project / "build" / ".versions" / "mini"
    run = subprocess.Popen(_command(mini_project, "--force"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any((v / "public" / "report.pdf").exists()
                                                  for v in _leftovers(mini_project)):
        time.sleep(0.005)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL
    leftover = _leftovers(mini_project)
    assert len(leftover) == 1, "the build was killed before it began writing"
    assert _complete(published) == before
    previous = published.resolve()
    assert build(mini_project, "mini") == 0  # the next build cleans up, under the lock, and is current again
    assert not leftover[0].exists()
    assert {v.name for v in versions.iterdir()} == {published.resolve().parent.name, previous.parent.name}
    _complete(published)


def test_staging_of_older_builds_and_a_plain_folder_are_replaced(mini_project: Path) -> None:
    out = mini_project / "build"
    (out / "mini").mkdir(parents=True)
    (out / "mini" / "old.pdf").write_bytes(b"%PDF-1.7 old")
    for stale in (".staging-mini-999", ".previous-mini-999", ".staging-mini-2026-999"):
        (out / stale).mkdir()
        (out / stale / "half.pdf").write_bytes(b"%PDF-")
    assert build(mini_project, "mini") == 0
    assert (out / "mini").is_symlink()
    assert not (out / "mini" / "old.pdf").exists()
    assert [p.name for p in out.glob(".staging-*")] == [".staging-mini-2026-999"]  # another pack's
    assert not list(out.glob(".previous-*"))
    _complete(out / "mini")


def test_without_links_build_pack_is_a_folder_replaced_whole(mini_project: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Where links cannot be made (Windows without the right), the fallback of two renames."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("symbolic links are not available")

    monkeypatch.setattr(os, "symlink", refuse)
    assert build(mini_project, "mini") == 0
    first = _complete(mini_project / "build" / "mini")
    assert not (mini_project / "build" / "mini").is_symlink()
    report = mini_project / "content" / "mini" / "report.md"
    report.write_text(report.read_text(encoding="utf-8").replace("# Next steps", "# Next steps\n\nA new line."),
                      encoding="utf-8")
    assert build(mini_project, "mini") == 0
    assert _complete(mini_project / "build" / "mini") != first
    assert not list((mini_project / "build" / ".versions" / "mini").iterdir())


def test_a_build_that_cannot_get_the_lock_says_so(mini_project: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from filelock import FileLock

    from reportkit import publish

    monkeypatch.setattr(publish, "LOCK_TIMEOUT_S", 0.2)
    locks = mini_project / "build" / ".locks"
    locks.mkdir(parents=True)
    with FileLock(str(locks / "mini.lock")):  # another build holding the pack
        assert build(mini_project, "mini") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: build/mini: another build of 'mini' has held the pack's lock") and "hint" in err
    assert not (mini_project / "build" / "mini").exists()
    assert build(mini_project, "mini") == 0


def test_an_exempt_report_is_published_only_in_restricted(mini_project: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import edit

    edit(mini_project / "content" / "mini" / "report.md", "summary:",
         'classification: "Exempt: paragraph 2 of Part 1 of Schedule 12A"\nsummary:')
    capsys.readouterr()
    assert build(mini_project, "mini") == 0
    out = capsys.readouterr().out
    assert re.search(r"wrote \d+ restricted files to build/restricted/mini/: not for publication", out)
    assert "report" not in out  # the log counts restricted files; it does not name them
    public, restricted = mini_project / "build" / "mini", mini_project / "build" / "restricted" / "mini"
    assert sorted(p.name for p in public.iterdir()) == ["manifest.json"]
    assert sorted(p.name for p in restricted.iterdir()) == ["html", "manifest.json", "report.docx", "report.pdf"]
    shown = json.loads((public / "manifest.json").read_text(encoding="utf-8"))
    assert shown["outputs"] == {} and not [name for name in shown["inputs"] if "report.md" in name
                                            or "appendix.md" in name or "/data/" in name]
    full = json.loads((restricted / "manifest.json").read_text(encoding="utf-8"))
    assert "content/mini/report.md" in full["inputs"]
    assert {"report.pdf", "report.docx", "html/report.html"} <= set(full["outputs"])
    capsys.readouterr()
    assert build(mini_project, "mini") == 0
    assert "is up to date" in capsys.readouterr().out
