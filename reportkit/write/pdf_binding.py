"""Tagged PDFs bound into one: the pages, structure trees, bookmarks and named destinations of each, in order.

pikepdf's ``add_pages_from`` carries each piece's pages with their bookmarks and named
destinations (anchors are unique across the pieces, as binding prefixes them, so every link still
finds its target). The structure trees are joined here: each piece has been through
:mod:`.pdf_structure`, so its tree is final, and binding moves its top-level elements under the
first piece's Document element, numbers every page's and annotation's entry in the parent tree
afresh and rebuilds that tree. The bound PDF keeps the first piece's document information, XMP
metadata, language and viewer preferences: the front sheet's, which carry the pack's title.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from .pdf_structure import Tree, is_element, kids, rebuild_parent_tree, set_kids


def bind_pdfs(pieces: Sequence[Path], front_pages: int, target: Path) -> None:
    """Write ``pieces`` bound in order to ``target``; the first ``front_pages`` pages are labelled
    i, ii, ... and the rest 1, 2, ... as their footers print them. The same pieces give the same bytes."""
    with pikepdf.open(pieces[0]) as bound:
        document = bound.Root.StructTreeRoot.K[0]
        for path in pieces[1:]:
            with pikepdf.open(path) as piece:
                # the pages, with their bookmarks and named destinations, first: the structure
                # elements copied after them point at the copies of these pages
                bound.add_pages_from(piece, forms="strip", layers="ignore")
                _append_structure(bound, piece, document)
        _number_parents(bound)
        rebuild_parent_tree(Tree(bound, {}))
        if front_pages:
            bound.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name("/r")),
                                                           front_pages, Dictionary(S=Name("/D"), St=1)]))
        bound.save(target, deterministic_id=True, compress_streams=True,
                   object_stream_mode=pikepdf.ObjectStreamMode.generate)


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
