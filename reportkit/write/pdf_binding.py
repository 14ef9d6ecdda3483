"""Tagged PDFs bound into one: the pages, structure trees, bookmarks and named destinations of each, in order.

pikepdf's ``add_pages_from`` carries each piece's pages with their bookmarks and named
destinations (anchors are unique across the pieces, as binding prefixes them, so every link still
finds its target). The structure trees are joined here: each piece has been through
:mod:`.pdf_structure`, so its tree is final, and binding moves its top-level elements under the
first piece's Document element, numbers every page's and annotation's entry in the parent tree
afresh and rebuilds that tree (each piece's table header IDs are its own: :mod:`.pdf` prefixes
them). The bound PDF keeps the first piece's document information, XMP metadata, language and
viewer preferences: the front sheet's, which carry the pack's title.

The ranges of one document's pages (:mod:`.pdf_ranges`) are joined the same way, but take their
named destinations and bookmarks from the whole document's layout: a range holds only its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from .pdf_structure import Tree, is_element, kids, rebuild_parent_tree, set_kids


@dataclass(frozen=True)
class Destination:
    """Where a named anchor (or a bookmark) leads: a page counted from 0, and a point on it in PDF units."""

    name: str
    page: int
    x: float
    y: float


@dataclass(frozen=True)
class Bookmark:
    title: str
    target: Destination
    children: list[Bookmark]
    closed: bool


def bind_pdfs(pieces: Sequence[Path], front_pages: int, target: Path) -> None:
    """Write ``pieces`` bound in order to ``target``; the first ``front_pages`` pages are labelled
    i, ii, ... and the rest 1, 2, ... as their footers print them. The same pieces give the same bytes."""
    with pikepdf.open(pieces[0]) as bound:
        _append_pieces(bound, pieces[1:], own_navigation=True)
        if front_pages:
            bound.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name("/r")),
                                                           front_pages, Dictionary(S=Name("/D"), St=1)]))
        _save(bound, target)


def join_ranges(ranges: Sequence[Path], target: Path, destinations: Sequence[Destination],
                bookmarks: Sequence[Bookmark]) -> None:
    """Write the ranges of one document's pages joined to ``target``, with the document's own named
    destinations and bookmarks (each range has stand-ins for the anchors it links to elsewhere)."""
    with pikepdf.open(ranges[0]) as joined:
        _append_pieces(joined, ranges[1:], own_navigation=False)
        pages = [page.obj for page in joined.pages]
        names = pikepdf.NameTree.new(joined)
        for destination in destinations:
            names[destination.name] = _explicit(pages, destination)
        joined.Root.Names = Dictionary(Dests=names.obj)
        if "/Outlines" in joined.Root:
            del joined.Root.Outlines
        with joined.open_outline() as outline:
            outline.root.extend(_outline_items(pages, bookmarks))
        _save(joined, target)


def _append_pieces(bound: pikepdf.Pdf, pieces: Sequence[Path], own_navigation: bool) -> None:
    """``pieces`` appended to ``bound``, with their own named destinations and bookmarks or without."""
    document = bound.Root.StructTreeRoot.K[0]
    for path in pieces:
        with pikepdf.open(path) as piece:
            if not own_navigation and "/Names" in piece.Root:
                del piece.Root.Names  # stand-ins among them
            # the pages, with their bookmarks and named destinations, first: the structure
            # elements copied after them point at the copies of these pages
            bound.add_pages_from(piece, forms="strip", layers="ignore",
                                 outlines="preserve" if own_navigation else "ignore")
            _append_structure(bound, piece, document)
    _number_parents(bound)
    rebuild_parent_tree(Tree(bound, {}))


def _save(pdf: pikepdf.Pdf, target: Path) -> None:
    pdf.save(target, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _explicit(pages: list[Any], destination: Destination) -> Array:
    return Array([pages[destination.page], Name.XYZ, destination.x, destination.y, 0])


def _outline_items(pages: list[Any], bookmarks: Sequence[Bookmark]) -> list[pikepdf.OutlineItem]:
    items = []
    for bookmark in bookmarks:
        item = pikepdf.OutlineItem(bookmark.title, _explicit(pages, bookmark.target))
        item.children.extend(_outline_items(pages, bookmark.children))
        item.is_closed = bookmark.closed
        items.append(item)
    return items


def _append_structure(bound: pikepdf.Pdf, piece: pikepdf.Pdf, document: Any) -> None:
    """The piece's top-level structure elements, moved under the bound PDF's Document element."""
    top = kids(piece.Root.StructTreeRoot.K[0])
    for element in top:
        if is_element(element):
            del element.P  # else the copy would bring the piece's Document and its root along
    copies = [bound.copy_foreign(element) for element in top]
    for element in copies:
        if is_element(element):
            element.P = document
    set_kids(document, [*kids(document), *copies])


def _number_parents(bound: pikepdf.Pdf) -> None:
    """Each page's and each annotation's key in the parent tree, unique again across the pieces."""
    pages = list(bound.pages)
    for number, page in enumerate(pages):
        page.obj.StructParents = number
    key = len(pages)
    for page in pages:
        for annotation in page.obj.get("/Annots", ()):
            if "/StructParent" in annotation:
                annotation.StructParent = key
                key += 1
