"""A long document's laid-out pages drawn as two ranges at once, each its own tagged PDF, then joined.

WeasyPrint lays a document out in one go: its footers ("Page N of M") and the contents' page
references need every page. Drawing the laid-out pages and writing them as a tagged PDF takes about
as long again, and drawing a page needs only that page's boxes. So a document of
``SPLIT_FROM_PAGES`` pages or more is drawn as two ranges, split where a top-level part starts a
page, so that no structure element runs across the split. Each range is written as a tagged PDF of
its own, the second in a forked process where the build may use more than one. The two are joined
with the whole document's named destinations and bookmarks.

Where the split falls depends only on the layout, never on how many processes draw the ranges, so
the bytes are the same either way.
"""

from __future__ import annotations

import copy
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .pdf_binding import Bookmark, Destination, join_ranges

SPLIT_FROM_PAGES = 24
SMALLEST_SHARE = 0.25  # of the drawing each range must have, or the split is not worth its join
SCALE = 0.75  # PDF points per CSS pixel, as WeasyPrint draws

# a WeasyPrint document (a range of pages) to a finished tagged PDF, given a name unique to the range
WriteRange = Callable[[Any, Path, str], None]


def split_page(document: Any) -> int | None:
    """The first page of the second range, or ``None`` to draw the document whole. The split balances the
    boxes to draw (a fair measure of a page's drawing time) between the ranges."""
    pages = document.pages
    if len(pages) < SPLIT_FROM_PAGES:
        return None
    costs = [_boxes(page._page_box) for page in pages]
    total = sum(costs)
    best: tuple[int, int] | None = None  # (the larger range's boxes, its split page)
    before = 0
    for index, page in enumerate(pages):
        if index and _starts_top_level(pages[index - 1], page):
            larger = max(before, total - before)
            if best is None or larger < best[0]:
                best = (larger, index)
        before += costs[index]
    if best is None or best[0] > total * (1 - SMALLEST_SHARE):
        return None
    return best[1]


def write_in_ranges(document: Any, split: int, target: Path, write: WriteRange, processes: int, name: str) -> None:
    """Write ``document`` (called ``name``) to ``target`` drawn as pages [0, split) and [split, end), joined."""
    ranges = [document.pages[:split], document.pages[split:]]
    paths = [target.with_name(f"{target.stem}.range-{number}.pdf") for number in range(len(ranges))]
    tasks = [_range_task(document, pages, path, write, f"{name} range {number}")
             for number, (pages, path) in enumerate(zip(ranges, paths))]
    try:
        run_tasks(tasks, processes)
        join_ranges(paths, target, destinations(document.pages), bookmarks(document))
    finally:
        for path in paths:
            path.unlink(missing_ok=True)


def _range_task(document: Any, pages: list[Any], path: Path, write: WriteRange, name: str) -> Callable[[], None]:
    def task() -> None:
        write(document.copy(_with_stand_ins(pages)), path, name)

    return task


def _with_stand_ins(pages: list[Any]) -> list[Any]:
    """``pages`` with an anchor on the first standing in for each one its links point at on other pages.

    WeasyPrint drops a link whose anchor is not among the pages it draws. The stand-ins keep those
    links; joining replaces every range's named destinations with the whole document's.
    """
    inside = {name for page in pages for name in page.anchors}
    elsewhere = sorted({target for page in pages for kind, target, _, _ in page.links
                        if kind == "internal" and target not in inside})
    if not elsewhere:
        return pages
    first = copy.copy(pages[0])
    first.anchors = {**pages[0].anchors, **{name: (0, 0, 0, 0) for name in elsewhere}}
    return [first, *pages[1:]]


def run_tasks(tasks: Sequence[Callable[[], None]], processes: int) -> None:
    """Run ``tasks``: with more than one process allowed (and fork, on Linux), all but the first in forked
    children at once. A task that fails in a child is run again here, so its error is raised here."""
    if processes <= 1 or not sys.platform.startswith("linux"):
        for task in tasks:
            task()
        return
    children = [(_fork(task), task) for task in tasks[1:]]
    failed: list[Callable[[], None]] = []
    try:
        tasks[0]()
    finally:
        for pid, task in children:
            if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
                failed.append(task)
    for task in failed:
        task()


def _fork(task: Callable[[], None]) -> int:
    with warnings.catch_warnings():  # Python 3.12+ warns of forking beside a thread: the queue's feeder
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        _die_with_parent()
        task()
        code = 0
    finally:
        os._exit(code)  # no clean-up: the parent's files, queues and buffers are not this process's


def _die_with_parent() -> None:
    """A build that is stopped stops its worker at once; the worker's child must not go on writing."""
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def destinations(pages: Sequence[Any]) -> list[Destination]:
    """Every anchor where it first lands, in PDF coordinates: WeasyPrint's named destinations."""
    seen: set[str] = set()
    found: list[Destination] = []
    for number, page in enumerate(pages):
        for name, (x, y, _, _) in page.anchors.items():
            if name not in seen:
                seen.add(name)
                found.append(Destination(name, number, x * SCALE, (page.height - y) * SCALE))
    return found


def bookmarks(document: Any) -> list[Bookmark]:
    """The whole document's bookmark tree, in PDF coordinates."""
    def convert(tree: list[Any]) -> list[Bookmark]:
        return [Bookmark(label, Destination("", page, x, y), convert(children), state == "closed")
                for label, (page, x, y), children, state in tree]

    return convert(document.make_bookmark_tree(SCALE, transform_pages=True))


def _boxes(box: Any) -> int:
    return 1 + sum(_boxes(child) for child in getattr(box, "children", ()))


def _starts_top_level(previous: Any, page: Any) -> bool:
    """Whether ``page`` starts with a top-level element (a child of the body) that ``previous`` did not hold."""
    before, now = _top_level(previous), _top_level(page)
    return bool(before and now) and now[0] is not before[-1]


def _top_level(page: Any) -> list[Any]:
    root = page._page_box.children[0]  # the html element's box; the margin boxes follow it
    return [box.element for body in root.children for box in getattr(body, "children", ())]
