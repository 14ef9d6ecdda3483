"""A long document's PDF drawn in two ranges of pages and joined: the same document as drawn whole (its
named destinations, links, bookmarks, structure tree and text), the same bytes however many processes
draw it, and a split only where no structure element runs across it."""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pdfplumber
import pikepdf
import pytest

from reportkit.build import pack_resources
from reportkit.papers import read_contents
from reportkit.write import pdf_ranges
from reportkit.write.html import NUMBERED
from reportkit.write.pdf import OPTIONS, _render, _write_tagged, write_pdf
from reportkit.write.pdf_binding import bind_pdfs

PACK = "self-assessment-2024-09"


def _kids(element: Any) -> list[Any]:
    value = element.get("/K")
    return [] if value is None else list(value) if isinstance(value, pikepdf.Array) else [value]


def _is_element(kid: Any) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem"


def _structure(element: Any, depth: int = 0) -> list[tuple[int, str, int]]:
    """(depth, type, pieces of content) of every structure element, in order."""
    kids = _kids(element)
    found = [(depth, str(element.get("/S")), sum(1 for kid in kids if not _is_element(kid)))]
    for kid in kids:
        if _is_element(kid):
            found += _structure(kid, depth + 1)
    return found


def _outline(items: Any, pages: dict[Any, int], depth: int = 0) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for item in items:
        target = item.destination
        found.append((depth, item.title, pages[target[0].objgen], round(float(target[2]), 1),
                      round(float(target[3]), 1), item.is_closed))
        found += _outline(item.children, pages, depth + 1)
    return found


def _reading(path: Path) -> dict[str, Any]:
    """What a reader and a validator see of a PDF, with page objects replaced by page numbers."""
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        names = {name: (pages[dest[0].objgen], round(float(dest[2]), 1), round(float(dest[3]), 1))
                 for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
        links = [(number, str(annotation.get("/Dest", "")), str(annotation.get("/Contents", "")),
                  [round(float(v), 1) for v in annotation.Rect])
                 for number, page in enumerate(pdf.pages) for annotation in page.obj.get("/Annots", ())]
        with pdf.open_outline() as outline:
            bookmarks = _outline(outline.root, pages)
        reading = {"names": names, "links": links, "bookmarks": bookmarks, "lang": str(pdf.Root.Lang),
                   "title": str(pdf.docinfo.Title), "structure": _structure(pdf.Root.StructTreeRoot.K[0])}
    with pdfplumber.open(path) as plumbed:
        reading["text"] = [page.extract_text() for page in plumbed.pages]
    return reading


@pytest.fixture(scope="module")
def laid_out(built_example: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The self-assessment laid out in this process, as the build laid it out."""
    root = built_example(PACK).parent.parent
    contents = read_contents(root, PACK)
    date = contents.pack.spec.date
    with pytest.MonkeyPatch.context() as environment:  # as the build sets it, for the same bytes
        environment.setenv("SOURCE_DATE_EPOCH",
                           str(int(datetime(date.year, date.month, date.day, tzinfo=UTC).timestamp())))
        target = tmp_path_factory.mktemp("ranges") / "whole.pdf"
        yield _render(contents.documents[0], contents.pack.context.theme, pack_resources(root, contents), NUMBERED,
                      target, OPTIONS)


@pytest.mark.slow
def test_the_self_assessment_is_drawn_in_two_ranges_that_read_as_the_whole(
        laid_out: Any, built_example: Callable[[str], Path], tmp_path: Path) -> None:
    split = pdf_ranges.split_page(laid_out)
    assert split is not None and 10 <= split <= len(laid_out.pages) - 10, split
    whole = tmp_path / "whole.pdf"
    _write_tagged(laid_out, whole, "self-assessment")
    built = next(built_example(PACK).glob("*.pdf"))
    drawn_whole, joined = _reading(whole), _reading(built)
    assert len(joined["text"]) == len(laid_out.pages) == 84
    for seen in ("names", "bookmarks", "structure", "text", "lang", "title"):
        assert joined[seen] == drawn_whole[seen], seen
    # a link's parent-tree key is numbered afresh by the join; what it shows and where it leads are the same
    assert joined["links"] == drawn_whole["links"]
    assert len(joined["names"]) > 100 and len(joined["bookmarks"]) > 100
    # the contents' links on the first range lead into the second
    assert any(joined["names"][link[1]][0] >= split for link in joined["links"] if link[0] < split)


@pytest.mark.slow
def test_the_ranges_give_the_same_bytes_drawn_at_once_or_one_after_the_other(
        laid_out: Any, built_example: Callable[[str], Path], tmp_path: Path) -> None:
    split = pdf_ranges.split_page(laid_out)
    assert split is not None
    at_once, in_turn = tmp_path / "at-once.pdf", tmp_path / "in-turn.pdf"
    pdf_ranges.write_in_ranges(laid_out, split, at_once, _write_tagged, 2, "self-assessment")
    pdf_ranges.write_in_ranges(laid_out, split, in_turn, _write_tagged, 1, "self-assessment")
    built = next(built_example(PACK).glob("*.pdf"))
    assert at_once.read_bytes() == in_turn.read_bytes() == built.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["at-once.pdf", "in-turn.pdf"]  # no range files left


def _page(*elements: object) -> SimpleNamespace:
    """A laid-out page whose body holds boxes of ``elements`` (each box with one child of its own)."""
    boxes = [SimpleNamespace(element=element, children=[SimpleNamespace(children=[])]) for element in elements]
    body = SimpleNamespace(children=boxes)
    return SimpleNamespace(_page_box=SimpleNamespace(children=[SimpleNamespace(children=[body])]))


def test_the_split_balances_the_boxes_at_a_page_where_a_part_starts() -> None:
    # parts: a (pages 0-3, heavy), b (4-19, one part running over 16 pages), c (20-29)
    a, b, c = object(), object(), object()
    heavy = [_page(*[a] * 40) for _ in range(4)]
    pages = heavy + [_page(b) for _ in range(16)] + [_page(c) for _ in range(10)]
    assert pdf_ranges.split_page(SimpleNamespace(pages=pages)) == 4  # 4 x 83 boxes against 26 x 5
    pages = [_page(a)] * 4 + [_page(b) for _ in range(16)] + [_page(c) for _ in range(10)]
    assert pdf_ranges.split_page(SimpleNamespace(pages=pages)) == 20  # not inside part b


def test_no_split_for_a_short_document_or_one_without_a_fair_place_to_split() -> None:
    a, b = object(), object()
    assert pdf_ranges.split_page(SimpleNamespace(pages=[_page(a)] * 10 + [_page(b)] * 10)) is None  # too short
    assert pdf_ranges.split_page(SimpleNamespace(pages=[_page(a)] * 40)) is None  # one part throughout
    assert pdf_ranges.split_page(SimpleNamespace(pages=[_page(a)] * 38 + [_page(b)] * 2)) is None  # 95% against 5%


def test_a_range_that_fails_in_a_child_process_is_drawn_again_here_and_its_error_raised() -> None:
    here = os.getpid()
    drawn: list[str] = []

    def first() -> None:
        drawn.append("first")

    def fails_in_a_child() -> None:
        if os.getpid() != here:
            raise RuntimeError("only in the child")
        drawn.append("second, here")

    pdf_ranges.run_tasks([first, fails_in_a_child], processes=2)
    assert drawn == ["first", "second, here"]

    def always_fails() -> None:
        raise ValueError("a range that cannot be drawn")

    with pytest.raises(ValueError, match="cannot be drawn"):
        pdf_ranges.run_tasks([first, always_fails], processes=2)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ranges are drawn in forked processes only on Linux")
def test_a_range_drawn_in_a_child_process_writes_its_file(tmp_path: Path) -> None:
    here = os.getpid()

    def writes(name: str) -> Callable[[], None]:
        return lambda: (tmp_path / name).write_text(str(os.getpid()))

    pdf_ranges.run_tasks([writes("first"), writes("second")], processes=2)
    assert int((tmp_path / "first").read_text()) == here
    assert int((tmp_path / "second").read_text()) != here  # drawn in a forked child


def _header_ids(elements: list[Any]) -> tuple[list[str], list[str]]:
    """Every ID under ``elements``, and every ID their cells' Headers name."""
    ids: list[str] = []
    headers: list[str] = []
    stack = list(elements)
    while stack:
        element = stack.pop()
        if "/ID" in element:
            ids.append(str(element.ID))
        attributes = element.get("/A")
        if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            headers += [str(header) for header in attributes.Headers]
        stack += [kid for kid in _kids(element) if _is_element(kid)]
    return ids, headers


@pytest.mark.slow
def test_two_pdfs_bound_together_keep_their_table_header_ids_apart(
        built_example: Callable[[str], Path], tmp_path: Path) -> None:
    """The same paper written under two names has the same object numbers, from which WeasyPrint
    makes its header IDs: bound together, each copy's IDs are still its own, and its cells point at them."""
    root = built_example("cabinet-2026-07").parent.parent
    contents = read_contents(root, "cabinet-2026-07")
    paper = next(doc for doc in contents.documents if doc.slug == "cqc-improvement-plan-update")
    resources = pack_resources(root, contents)
    copies = [tmp_path / "first.pdf", tmp_path / "second.pdf"]
    for target, slug in zip(copies, ("cqc-improvement-plan-update", "a-copy-of-it")):
        write_pdf(dataclasses.replace(paper, slug=slug), contents.pack.context.theme, resources, target)
    bound = tmp_path / "bound.pdf"
    bind_pdfs(copies, 0, bound)
    with pikepdf.open(copies[0]) as pdf:
        top = len(_kids(pdf.Root.StructTreeRoot.K[0]))
        single_ids, single_headers = _header_ids(_kids(pdf.Root.StructTreeRoot.K[0]))
    assert len(single_ids) >= 4 and single_headers
    with pikepdf.open(bound) as pdf:
        kids = _kids(pdf.Root.StructTreeRoot.K[0])
        halves = [_header_ids(kids[:top]), _header_ids(kids[top:])]
    first, second = (set(ids) for ids, _ in halves)
    assert len(first) == len(second) == len(single_ids) and not first & second
    assert set(halves[0][1]) <= first and set(halves[1][1]) <= second


def _dead(pid: int) -> bool:
    """Whether the process has ended (gone, or a zombie waiting for an init that does not reap it)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in status)
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ranges are drawn in forked processes only on Linux")
def test_a_range_being_drawn_in_a_child_stops_when_its_worker_is_killed(tmp_path: Path) -> None:
    """A build that fails stops its workers at once (SIGKILL or SIGTERM): a worker's child must not go on."""
    recorded = tmp_path / "child.pid"
    worker = os.fork()
    if worker == 0:  # the worker: draws one range itself, and one in its child
        def drawn_by_the_child() -> None:
            recorded.write_text(str(os.getpid()))
            time.sleep(30)

        try:
            pdf_ranges.run_tasks([lambda: time.sleep(30), drawn_by_the_child], processes=2)
        finally:
            os._exit(0)
    deadline = time.monotonic() + 10
    while not recorded.exists() or not recorded.read_text():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.05)
    child = int(recorded.read_text())
    assert not _dead(child)
    os.kill(worker, signal.SIGKILL)
    os.waitpid(worker, 0)
    deadline = time.monotonic() + 5
    while not _dead(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _dead(child)
