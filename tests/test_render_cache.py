"""Incremental builds: an edit re-renders only its own paper and the bound packs, and every build,
incremental or cold, on one worker or two, gives the same bytes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from reportkit.build import build
from reportkit.cli import main
from reportkit.render.progress import Progress
from reportkit.render.workers import docx_step as _real_docx_step
from reportkit.render.workers import pdf_step as _real_pdf_step

from conftest import FIXTURES, edit, make_project


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return " ".join(" ".join(page.extract_text() or "" for page in document.pages).split())


def _assert_manifest_truthful(folder: Path, root: Path, edited: Path) -> None:
    record = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = {name for name in _outputs(folder) if name != "manifest.json"}
    assert set(record["outputs"]) == files
    for name, digest in record["outputs"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert record["inputs"][edited.relative_to(root).as_posix()] == hashlib.sha256(edited.read_bytes()).hexdigest()


def test_an_edit_rerenders_its_paper_and_the_packs_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    folder = root / "build" / "meeting"
    first = build(root, "meeting", workers=2)
    assert first.renders is not None and not first.renders.cached and first.renders.workers == 2
    two_workers = _outputs(folder)
    assert main(["--root", str(root), "build", "--force", "-j", "1", "meeting"]) == 0
    assert _outputs(folder) == two_workers  # scheduling changes nothing

    paper = root / "content" / "meeting" / "decision.md"
    edit(paper, "Carers told us the service helps them keep caring.",
         "Carers told us the service helps them to keep on caring.")
    incremental = build(root, "meeting", workers=2)
    assert incremental.renders is not None
    assert set(incremental.renders.rendered) == {"decision", "agenda-pack", "agenda-pack-restricted"}
    assert set(incremental.renders.cached) == {"minutes", "report", "programme", "contract"}
    edited = _outputs(folder)
    for name in ("decision.pdf", "agenda-pack.pdf"):
        assert "helps them to keep on caring" in _text(folder / name)
    assert edited["report.pdf"] == two_workers["report.pdf"]
    _assert_manifest_truthful(folder, root, paper)

    capsys.readouterr()
    assert main(["--root", str(root), "build", "--force", "-q", "meeting"]) == 0  # cold, from nothing cached
    assert capsys.readouterr().out == ""
    assert _outputs(folder) == edited


def test_progress_names_each_document_as_it_finishes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    assert main(["--root", str(root), "build", "-j", "2", "mini"]) == 0
    capsys.readouterr()
    assert main(["--root", str(root), "build", "-j", "2", "meeting"]) == 0
    lines = capsys.readouterr().out.splitlines()
    shown = [re.split(r"\s{2,}", line.strip()) for line in lines if line.startswith("  ")]
    progress = {name: took for name, took in shown}
    assert set(progress) == {"minutes", "report", "decision", "programme", "agenda-pack", "a restricted paper"}
    assert [name for name, _ in shown].count("a restricted paper") == 2  # the exempt paper and its pack, unnamed
    assert "contract" not in "\n".join(lines)
    assert progress["report"] == "from the cache"  # rendered already, for the mini pack on its own
    assert all(took.endswith(" s") and float(took[:-2]) > 0 for name, took in progress.items() if name != "report")
    assert lines[-1].startswith("built meeting in ") and "6 of 7 documents rendered, 1 from the cache" in lines[-1]


def test_a_missing_harfbuzz_subsetter_is_said_once_and_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import weasyprint.pdf.fonts

    from reportkit.render import fonts, outputs

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)  # as on a machine without the library
    monkeypatch.setattr(outputs, "font_subsetter", lambda: fonts.FONTTOOLS)
    monkeypatch.setattr("reportkit.render.progress._warned", set())
    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    assert main(["--root", str(root), "build", "-j", "1", "mini", "meeting"]) == 0
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "libharfbuzz-subset0" in line] == [f"warning: {fonts.MISSING_HINT}"]
    for pack in ("mini", "meeting"):
        record = json.loads((root / "build" / pack / "manifest.json").read_text(encoding="utf-8"))
        assert record["font_subsetter"] == "fontTools"
    assert "Waiting times" in _text(root / "build" / "meeting" / "agenda-pack.pdf")  # the subset fonts still draw


def test_the_manifest_names_the_subsetter(example_build: Path) -> None:
    from reportkit.render.fonts import font_subsetter

    record = json.loads((example_build / "manifest.json").read_text(encoding="utf-8"))
    assert record["font_subsetter"] == font_subsetter() == "HarfBuzz"


@pytest.mark.slow
def test_a_paragraph_edit_in_the_example_meeting_matches_a_cold_build(
        tmp_path: Path, built_example: Callable[[str], Path]) -> None:
    """cabinet-2025-11: a copy of the session's build (cache and all), one paragraph edited."""
    session_root = built_example("cabinet-2025-11").parent.parent
    root = tmp_path / "project"
    shutil.copytree(session_root, root, symlinks=True)
    assert (root / "build" / ".cache" / "renders").is_dir()
    paper = root / "content" / "cabinet-2025-11" / "complaints-report.md"
    edit(paper, "keeps the person at the centre of each investigation",
         "keeps each person firmly at the centre of every investigation")
    result = build(root, "cabinet-2025-11", progress=Progress(quiet=True))
    assert result.renders is not None and set(result.renders.rendered) == {"complaints-report", "agenda-pack"}
    folder = root / "build" / "cabinet-2025-11"
    incremental = _outputs(folder)
    assert "each person firmly at the centre of every investigation" in _text(folder / "agenda-pack.pdf")
    _assert_manifest_truthful(folder, root, paper)
    shutil.rmtree(root / "build")
    assert build(root, "cabinet-2025-11", workers=1).renders is not None
    assert _outputs(folder) == incremental


def test_an_error_in_a_worker_fails_the_build_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A content error met while rendering, in a worker process: one line, exit 2, nothing published, no
    render cached or left half-written."""
    import reportkit.render.binding
    import reportkit.write.pdf
    from reportkit.errors import ContentError

    def refuse(*_args: object, **_options: object) -> dict[str, int]:
        raise ContentError(root / "content" / "meeting" / "programme.md", 3, "refused to read 'x.png'", "keep it in")

    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    # the workers are forked with these: the papers' renders and the bound pack's pieces
    monkeypatch.setattr(reportkit.write.pdf, "write_pdf", refuse)
    monkeypatch.setattr(reportkit.render.binding, "write_pdf", refuse)
    assert main(["--root", str(root), "build", "-j", "2", "meeting"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "error: content/meeting/programme.md:3: refused to read 'x.png' (hint: keep it in)"
    assert not (root / "build" / "meeting").exists()
    assert not [p.name for p in (root / "build").iterdir() if not p.name.startswith(".")]  # no outputs
    assert not list((root / "build" / ".versions").rglob("*.pdf"))  # nor a half-written version
    renders = root / "build" / ".cache" / "renders"
    entries = [p for p in renders.iterdir() if p.name != ".used-by"] if renders.exists() else []
    assert not [p.name for p in entries if p.name.startswith(".")]  # no render left half-written
    assert not [p.name for p in entries if list(p.glob("*.pdf")) or list(p.glob("*.docx"))]  # every render failed
    # the web edition, written while the workers rendered, keeps its pages: they are whole and keyed by content
    assert all((p / "page.html").is_file() for p in entries)


def _keys(root: Path, pack: str) -> list[str]:
    from reportkit.build import pack_resources
    from reportkit.papers import read_contents
    from reportkit.render.cache import Keying, theme_chain_hash

    contents = read_contents(root, pack)
    theme = contents.pack.context.theme
    resources = pack_resources(root, contents)
    keying = Keying(theme_chain_hash(theme), 0, "HarfBuzz")
    return [keying.key((doc, doc, False), resources.url) for doc in contents.documents]


def test_a_render_key_follows_the_content_not_the_clone(tmp_path: Path) -> None:
    first = make_project(tmp_path / "one", {"mini": FIXTURES / "mini"})
    keys = _keys(first, "mini")
    assert _keys(make_project(tmp_path / "a" / "second", {"mini": FIXTURES / "mini"}), "mini") == keys
    (first / "templates" / "_base" / "style.css.j2").write_text(
        (first / "templates" / "_base" / "style.css.j2").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _keys(first, "mini") != keys  # the base templates are part of every render


def test_a_render_key_follows_an_images_bytes(tmp_path: Path) -> None:
    from reportkit.model import Document, Figure, Metadata, Part
    from reportkit.render.cache import Keying

    image = tmp_path / "chart.png"
    image.write_bytes(b"first")
    meta = Metadata(title="T", subject="S", author="A", language="en-GB", classification="Unrestricted",
                    keywords=())
    doc = Document("d", meta, (Part((Figure(image, "alt", "caption", 10.0, 10.0),)),))

    def key() -> str:
        return Keying("theme", 0, "HarfBuzz").key((doc, doc, False), lambda path: f"virtual/{path.name}")

    before = key()
    image.write_bytes(b"second")
    assert key() != before


def _pieces_laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bound packs' pieces as they are laid out (in this process: build with one worker)."""
    import reportkit.render.binding

    laid_out: list[str] = []
    real = reportkit.render.binding.write_pdf

    def recording(doc: Any, *args: Any, **options: Any) -> dict[str, int]:
        laid_out.append(doc.slug)
        return real(doc, *args, **options)

    monkeypatch.setattr(reportkit.render.binding, "write_pdf", recording)
    return laid_out


def test_an_edit_lays_out_only_its_items_piece(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound packs are made from pieces: after an edit to the decision (item 7) that moves no page,
    only its piece of each pack is laid out again (the front sheets print the same ranges, so they come
    from the cache too); the bytes are a cold build's."""
    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    laid_out = _pieces_laid_out(monkeypatch)
    build(root, "meeting", workers=1)  # in this process, so the recording sees every piece
    assert {"agenda-pack-item-7", "agenda-pack-restricted-item-9", "agenda-pack-front"} <= set(laid_out)
    laid_out.clear()
    edit(root / "content" / "meeting" / "decision.md", "Carers told us the service helps them keep caring.",
         "Carers told us the service helps them to keep on caring.")
    build(root, "meeting", workers=1)
    assert sorted(laid_out) == ["agenda-pack-item-7", "agenda-pack-restricted-item-7"]
    folder = root / "build" / "meeting"
    incremental = _outputs(folder)
    assert "helps them to keep on caring" in _text(folder / "agenda-pack.pdf")
    assert main(["--root", str(root), "build", "--force", "-q", "-j", "1", "meeting"]) == 0
    assert _outputs(folder) == incremental


def test_an_edit_that_moves_pages_lays_out_the_items_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two more pages in the decision (item 7) move the pages of item 8 on, so its piece is laid out
    again, and the front sheet with it; the bound pack is a cold build's, byte for byte."""
    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    build(root, "meeting", workers=1)
    laid_out = _pieces_laid_out(monkeypatch)
    sentence = "Carers told us the service helps them keep caring."
    edit(root / "content" / "meeting" / "decision.md", sentence, "\n\n".join([sentence * 8] * 14))
    build(root, "meeting", workers=1)
    assert {"agenda-pack-item-7", "agenda-pack-item-8", "agenda-pack-front"} <= set(laid_out)
    assert not [slug for slug in laid_out if slug.endswith(("-item-4", "-item-6"))]  # before the edit
    folder = root / "build" / "meeting"
    incremental = _outputs(folder)
    assert main(["--root", str(root), "build", "--force", "-q", "-j", "1", "meeting"]) == 0
    assert _outputs(folder) == incremental


def test_an_edit_renders_only_its_web_page_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web pages are cached like the renders: after an edit to the decision only its page is made
    again, once (the restricted edition's copy is the same page); the edition's bytes are a cold build's."""
    from reportkit.write.web import PageWriter

    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    build(root, "meeting", workers=1)
    rendered: list[str] = []
    real = PageWriter.render

    def recording(self: PageWriter, doc: Any, *args: Any, **kwargs: Any) -> str:
        rendered.append(doc.slug)
        return real(self, doc, *args, **kwargs)

    monkeypatch.setattr(PageWriter, "render", recording)
    edit(root / "content" / "meeting" / "decision.md", "Carers told us the service helps them keep caring.",
         "Carers told us the service helps them to keep on caring.")
    build(root, "meeting", workers=1)
    assert rendered == ["decision"]
    assert "helps them to keep on caring" in (root / "build" / "restricted" / "meeting" / "html" / "decision.html"
                                              ).read_text(encoding="utf-8")
    html = root / "build" / "meeting" / "html"
    assert "helps them to keep on caring" in (html / "decision.html").read_text(encoding="utf-8")
    incremental = _outputs(html)
    assert main(["--root", str(root), "build", "--force", "-q", "-j", "1", "meeting"]) == 0
    assert rendered.count("index") == 2  # --force renders every page again, of both editions
    assert _outputs(html) == incremental


def _pdf_laid_out_slowly(job: Any, setting: Any, work: Path) -> Any:
    (work.parent.parent / f"pdf-started-{job.name}").write_text(repr(time.time()))
    time.sleep(1.5)  # as a long document's layout takes
    return _real_pdf_step(job, setting, work)


def _docx_started(job: Any, setting: Any, work: Path) -> Any:
    (work.parent.parent / f"docx-started-{job.name}").write_text(repr(time.time()))
    return _real_docx_step(job, setting, work)


def test_a_docx_is_drafted_while_its_pdf_is_laid_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With two workers a paper's DOCX is drafted while its PDF is laid out, before any page number is
    known, and is finished with the PDF's page numbers into the same bytes as a build on one worker;
    no draft is left anywhere."""
    from reportkit.render import workers

    root = make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})
    assert build(root, "mini", workers=1).renders is not None
    one_worker = _outputs(root / "build" / "mini")
    monkeypatch.setattr(workers, "pdf_step", _pdf_laid_out_slowly)  # the workers are forked with these
    monkeypatch.setattr(workers, "docx_step", _docx_started)
    assert build(root, "mini", force=True, workers=2).renders is not None
    renders = root / "build" / ".cache" / "renders"  # the work folders' parent
    started = float((renders / "docx-started-report").read_text())
    assert started < float((renders / "pdf-started-report").read_text()) + 1
    assert _outputs(root / "build" / "mini") == one_worker
    assert not list(root.rglob(workers.DRAFT))


def test_the_workers_start_before_the_pack_is_read_and_stop_with_a_failed_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers are running while the build reads the pack (they import the writers meanwhile);
    a build that stops at its checks leaves none behind."""
    import multiprocessing

    import reportkit.build as building
    from reportkit.check.engine import ChecksFailed

    root = make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})
    seen: list[int] = []
    reading = building.read_contents

    def read_contents(*args: Any) -> Any:
        seen.append(len(multiprocessing.active_children()))
        return reading(*args)

    monkeypatch.setattr(building, "read_contents", read_contents)
    edit(root / "content" / "mini" / "report.md", "The peak month saw", "The peak month (TBC) saw")
    with pytest.raises(ChecksFailed):
        build(root, "mini", workers=2)
    assert seen == [2]
    assert multiprocessing.active_children() == []


def _importing_for_a_minute() -> None:
    time.sleep(60)


def test_a_failed_build_stops_its_workers_without_waiting_for_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers still importing the writers when the checks fail are stopped, not waited for."""
    import multiprocessing

    from reportkit.check.engine import ChecksFailed
    from reportkit.render import workers

    monkeypatch.setattr(workers, "_import_writers", _importing_for_a_minute)  # the workers are forked with it
    root = make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})
    edit(root / "content" / "mini" / "report.md", "The peak month saw", "The peak month (TBC) saw")
    started = time.monotonic()
    with pytest.raises(ChecksFailed):
        build(root, "mini", workers=2)
    assert time.monotonic() - started < 30
    assert multiprocessing.active_children() == []


def test_a_worker_stopped_mid_render_leaves_nothing_in_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """When one worker's piece fails, the other, still laying out a piece of the other bound pack, is
    stopped, and that piece's unfinished folder goes with the build."""
    import os

    import reportkit.render.binding
    from reportkit.errors import ContentError

    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    first = tmp_path / "first-piece-started"

    def lay_out(*_args: object, **_options: object) -> dict[str, int]:
        try:
            os.close(os.open(first, os.O_CREAT | os.O_EXCL))
        except FileExistsError:  # the second worker's piece fails
            raise ContentError(root / "content" / "meeting" / "programme.md", 3, "refused to read 'x.png'",
                               "keep it in") from None
        time.sleep(60)  # the first worker's is still being laid out
        return {}

    monkeypatch.setattr(reportkit.render.binding, "write_pdf", lay_out)  # the workers are forked with it
    started = time.monotonic()
    assert main(["--root", str(root), "build", "-j", "2", "meeting"]) == 2
    assert time.monotonic() - started < 30
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("error: content/meeting/programme.md:3:")
    renders = root / "build" / ".cache" / "renders"
    assert not [p.name for p in renders.iterdir() if p.name.startswith(".") and p.name != ".used-by"]


def _rendering_for_a_minute(job: Any, setting: Any, work: Path, index: int = 0) -> Any:
    (work.parent.parent / f"rendering-{job.name}").touch()  # beside the cache's unfinished folder
    time.sleep(60)


def test_the_pack_is_checked_while_it_renders_and_a_failed_check_publishes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With two workers the papers render while the build checks them; a check that fails stops the
    renders at once, publishes nothing, keeps the last good build and stores no render."""
    import multiprocessing

    import reportkit.build as building
    from reportkit.check.engine import ChecksFailed
    from reportkit.render import workers

    root = make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})
    assert build(root, "mini", workers=2).renders is not None
    published = _outputs(root / "build" / "mini")
    renders = root / "build" / ".cache" / "renders"
    entries = sorted(renders.iterdir())
    edit(root / "content" / "mini" / "report.md", "The peak month saw", "The peak month (TBC) saw")
    monkeypatch.setattr(workers, "pdf_step", _rendering_for_a_minute)  # the workers are forked with it
    checking = building.check_documents
    rendering_when_checked: list[bool] = []

    def check_documents(*args: Any, **options: Any) -> Any:
        deadline = time.monotonic() + 20
        while not list(renders.glob("rendering-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        rendering_when_checked.append(bool(list(renders.glob("rendering-*"))))
        return checking(*args, **options)

    monkeypatch.setattr(building, "check_documents", check_documents)
    started = time.monotonic()
    with pytest.raises(ChecksFailed):
        build(root, "mini", force=True, workers=2)
    assert time.monotonic() - started < 30
    assert rendering_when_checked == [True]
    assert multiprocessing.active_children() == []
    assert _outputs(root / "build" / "mini") == published
    for marker in renders.glob("rendering-*"):
        marker.unlink()
    assert sorted(renders.iterdir()) == entries  # nothing stored, no unfinished folder left
