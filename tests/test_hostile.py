"""The hostile and broken inputs of tests/hostile/cases.yaml, each run as a real build.

A case changes a copy of a built project (its content, its theme, what lies around it), builds one
pack and expects either a refusal (exit 2: one line naming the file, and its line where there is one,
with a hint; no traceback; the previous outputs untouched and nothing left over) or a build whose
public outputs, bookmarks and manifest hold none of the case's marker strings. Every case must
finish within its time and memory bounds.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import sys
import time
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
import yaml

from reportkit.cli import main

from conftest import FIXTURES, build, make_project

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "hostile" / "cases.yaml").read_text("utf-8"))
MARKER = "QUOKKA-7731"  # a word no output may hold unless a case says so
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MAX_SECONDS = 60
MAX_RSS_MB = 2048


@pytest.fixture(scope="session")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the mini and meeting packs, both built: every case starts from a copy of it."""
    root = make_project(tmp_path_factory.mktemp("hostile") / "project",
                        {"mini": FIXTURES / "mini", "meeting": FIXTURES / "meeting"})
    assert build(root, "mini") == 0 and build(root, "meeting") == 0
    return root


def _fill(text: str, root: Path) -> str:
    return text.replace("{outside}", str(root.parent / "outside")).replace("{root}", str(root)) \
        .replace("{marker}", MARKER)


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels in a few bytes (the pixel data is never decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _rows(spec: dict[str, Any]) -> str:
    """A header and ``count`` generated rows; {month} is a month label counting on from January 2000."""
    lines = [spec["header"]]
    for i in range(spec["count"]):
        month = f"{MONTHS[i % 12]} {2000 + i // 12}"
        lines.append(spec["template"].format(i=i, month=month, quarter=f"Q{i % 4 + 1} {2000 + i // 4}/"
                                             f"{(2001 + i // 4) % 100:02d}"))
    return "\n".join(lines) + "\n"


def _apply(step: dict[str, Any], root: Path) -> None:
    (root.parent / "outside").mkdir(exist_ok=True)
    op, rel = next((k, v) for k, v in step.items() if k in OPS)
    path = root / _fill(rel, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    OPS[op](path, step, root)


def _write(path: Path, step: dict[str, Any], root: Path) -> None:
    path.write_text(_fill(step["text"], root), encoding="utf-8", newline="")


def _write_bytes(path: Path, step: dict[str, Any], root: Path) -> None:
    data = bytes.fromhex(step["hex"]) if "hex" in step else _fill(step["text"], root).encode()
    path.write_bytes(data * step.get("times", 1))


def _edit(path: Path, step: dict[str, Any], root: Path) -> None:
    text = path.read_text(encoding="utf-8")
    old = _fill(step["old"], root)
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, _fill(step["new"], root), 1), encoding="utf-8", newline="")


def _symlink(path: Path, step: dict[str, Any], root: Path) -> None:
    if path.exists() or path.is_symlink():
        _remove(path, step, root)
    os.symlink(_fill(step["to"], root), path)


def _remove(path: Path, step: dict[str, Any], root: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


OPS = {
    "write": _write,
    "bytes": _write_bytes,
    "edit": _edit,
    "symlink": _symlink,
    "remove": _remove,
    "mkdir": lambda path, step, root: path.mkdir(),
    "fifo": lambda path, step, root: os.mkfifo(path),
    "png": lambda path, step, root: path.write_bytes(_png_header(*step["size"])),
    "rows": lambda path, step, root: path.write_text(_rows(step), encoding="utf-8"),
}


def _peak_rss_mb() -> float:
    """The test process's peak resident memory so far (0 where the platform cannot say)."""
    try:
        import resource
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _snapshot(build_dir: Path) -> dict[str, str]:
    """Every published file (through the build/PACK links) by path, with its hash."""
    files: dict[str, str] = {}
    for top in [build_dir / name for name in ("mini", "meeting")] + [build_dir / "restricted" / "meeting"]:
        for path in sorted(top.rglob("*")):
            if path.is_file():
                files[path.relative_to(build_dir).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _texts(folder: Path) -> dict[str, str]:
    """What a reader can get out of each output: PDF text and bookmarks, DOCX XML, the manifest's JSON."""
    texts: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            with pdfplumber.open(path) as plumbed:
                text = "\n".join(page.extract_text() or "" for page in plumbed.pages)
            with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
                stack = list(outline.root)
                while stack:
                    item = stack.pop()
                    text += "\n" + str(item.title)
                    stack.extend(item.children)
                text += "\n" + " ".join(str(v) for v in pdf.docinfo.values())
            texts[path.name] = text
        elif path.suffix == ".docx":
            with zipfile.ZipFile(path) as package:
                texts[path.name] = "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())
        else:
            texts[path.name] = path.read_text(encoding="utf-8", errors="replace")
        texts[path.name] += "\n" + path.name
    return texts


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_input(case: dict[str, Any], built_base: Path, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    if case.get("posix") and sys.platform == "win32":
        pytest.skip("needs POSIX links or pipes")
    root = tmp_path / "project"
    shutil.copytree(built_base, root, symlinks=True)
    before = _snapshot(root / "build")
    for step in case.get("steps", []):
        _apply(step, root)
    capsys.readouterr()

    started = time.perf_counter()
    code = main(["--root", str(root), "build", _fill(case.get("build", "mini"), root)])
    seconds = time.perf_counter() - started
    captured = capsys.readouterr()
    rss_mb = _peak_rss_mb()
    assert seconds < MAX_SECONDS and rss_mb < MAX_RSS_MB, (seconds, rss_mb)
    assert "Traceback" not in captured.err + captured.out
    expected = case.get("exit", 2)
    assert code == expected, captured.err
    if expected == 2:
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1, lines
        message = lines[0]
        assert message.startswith(f"error: {case['where']}"), message
        if case.get("line", True):
            assert re.match(r"error: \S+:\d+: ", message), f"no line number in: {message}"
        assert case["words"] in message and "(hint: " in message, message
        assert _snapshot(root / "build") == before, "the previous outputs changed"
    public = root / "build" / case.get("pack", "mini")
    for name, text in _texts(public).items():
        for word in [MARKER, *case.get("public_lacks", [])]:
            assert word not in text, f"{word!r} is in the public output {name}"
    for word in map(lambda w: _fill(w, root), case.get("restricted_has", [])):
        assert any(word in text for text in _texts(root / "build" / "restricted" / case["pack"]).values())
    versions = root / "build" / ".versions"
    live = {p.resolve() for p in (root / "build").glob("*") if p.is_symlink()} | \
           {p.resolve() for p in (root / "build" / "restricted").glob("*") if p.is_symlink()}
    leftovers = [v for pack in versions.iterdir() for v in pack.iterdir()
                 if not any(target.is_relative_to(v) for target in live)]
    assert len(leftovers) <= (1 if expected == 0 else 0), leftovers  # a new build keeps the one it replaced
