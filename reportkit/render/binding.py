"""A bound pack's PDF made in pieces: each agenda item's papers, the blank pages between items and
the front sheet are each rendered, or taken from the render cache, and then bound into one tagged PDF.

A piece is keyed by its papers and the number its first page prints, so after an edit to one paper
only that item's piece is laid out again, with the front sheet (whose page ranges may have moved);
the pieces after it are laid out again only if the edit moved the page they start on.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..bind import blank_leaf, pack_pieces, with_page_ranges
from ..model import Document
from ..theme import MeetingWording
from ..write.html import Pagination
from ..write.pdf import write_pdf
from ..write.pdf_binding import bind_pdfs
from .setting import Setting

PIECE = "piece.pdf"


@dataclass(frozen=True)
class Piece:
    """One piece laid out: its PDF, where its anchors landed (counted from its first page) and its length."""

    path: Path
    pages: dict[str, int]
    length: int


Render = Callable[[Document, Pagination], Piece]


@dataclass(frozen=True)
class Plan:
    pieces: tuple[Path, ...]  # in binding order
    front_pages: int  # the front sheet and the blank page after it, if any: not numbered
    printed: dict[str, int]  # anchor -> the page number printed where it landed


def lay_out(pack: Document, wording: MeetingWording, render: Render) -> Plan:
    """Each item's piece numbered on from the one before (starting on a right-hand page), then the
    front sheet with the page ranges those pieces print."""
    pieces = pack_pieces(pack)
    leaf = blank_leaf(pack)
    body: list[Path] = []
    printed: dict[str, int] = {}
    page = 1
    for item in pieces.items:
        if page % 2 == 0:
            body.append(render(leaf, Pagination(page, wording.footer)).path)
            page += 1
        laid = render(item, Pagination(page, wording.footer))
        printed.update({anchor: page + at - 1 for anchor, at in laid.pages.items()})
        body.append(laid.path)
        page += laid.length
    front = render(with_page_ranges(pieces.front, printed, wording.pages), Pagination(None))
    leading = [front.path]
    if front.length % 2:
        leading.append(render(leaf, Pagination(None)).path)
    return Plan((*leading, *body), len(leading) - 1 + front.length, printed)


@dataclass(frozen=True)
class Bound:
    pages: dict[str, int]  # anchor -> the page number printed where it landed (the front sheet's not counted)
    uses: tuple[str, ...]  # the render cache entries of its pieces


def write_bound(pack: Document, setting: Setting, target: Path) -> Bound:
    uses: list[str] = []

    def render(doc: Document, pagination: Pagination) -> Piece:
        piece = _cached_render(doc, pagination, setting)
        uses.append(piece.path.parent.name)
        return piece

    plan = lay_out(pack, setting.theme.spec.meeting, render)
    bind_pdfs(plan.pieces, plan.front_pages, target)
    return Bound(plan.printed, tuple(dict.fromkeys(uses)))


def _cached_render(doc: Document, pagination: Pagination, setting: Setting) -> Piece:
    cache = setting.cache
    key = setting.keying.key((doc, pagination), setting.resources.url)
    entry = cache.get(key)
    if entry is None:
        work = cache.scratch(key)
        try:
            pages = write_pdf(doc, setting.theme, setting.resources, work / PIECE, pagination,
                              processes=setting.processes)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        entry = cache.store(key, work, pages)
    return Piece(entry / PIECE, cache.record(entry)[0], page_count(entry / PIECE))


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)
