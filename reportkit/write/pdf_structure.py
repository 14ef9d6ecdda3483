"""A deterministic pikepdf pass over WeasyPrint's tagged PDF, for what WeasyPrint (v70) cannot emit.

- Running headers, footers, page numbers and blank-page notices (page-margin content) become
  pagination artifacts; WeasyPrint tags them into subtrees that hang off no structure root.
- An element that runs over a page break is one structure element again (one Table, one list
  item, one paragraph); a table's header repeated on the next page is an artifact, not a second
  header, and the body cells on that page point at the first header.
- Every list item holds its body in an LBody.
- A link is one annotation per page (its pieces as QuadPoints) described by its own text, not by
  the internal id it points at.
- Empty structure elements go; the parent tree is rebuilt from the final tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from .pdf_sources import Source

STRUCT = Name("/StructElem")
MCR = Name("/MCR")
OBJR = Name("/OBJR")
KEPT_WHEN_EMPTY = {Name(f"/{tag}") for tag in ("Table", "THead", "TBody", "TFoot", "TR", "TH", "TD", "Figure")}


class Tree:
    """The structure tree being rewritten, with the sources WeasyPrint's builder recorded."""

    def __init__(self, pdf: pikepdf.Pdf, sources: dict[int, Source]) -> None:
        self.pdf = pdf
        self.sources = sources
        self.page_index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        self.artifacts: set[tuple[int, int]] = set()  # (page, MCID) to mark as artifacts
        self.pagination: set[tuple[int, int]] = set()
        self.header_ids: dict[str, str] = {}  # repeated TH id -> the first header's TH id
        self.root = pdf.Root.StructTreeRoot
        self.document = self.root.K[0]

    def key(self, element: Any) -> Any:
        source = self.sources.get(element.objgen[0])
        return source.key if source else None

    def description(self, element: Any) -> str:
        source = self.sources.get(element.objgen[0])
        return source.description if source else ""

    def page_of(self, holder: Any) -> int:
        return self.page_index[holder.Pg.objgen]


def is_element(kid: Any) -> bool:
    return isinstance(kid, Dictionary) and kid.get("/Type") == STRUCT


def kids(element: Any) -> list[Any]:
    value = element.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def set_kids(element: Any, new: Iterable[Any]) -> None:
    element.K = Array(list(new))


def _content(tree: Tree, element: Any) -> Iterable[tuple[int, int]]:
    """(page, MCID) of every piece of content under ``element``."""
    for kid in kids(element):
        if isinstance(kid, int):
            yield tree.page_of(element), int(kid)
        elif isinstance(kid, Dictionary) and kid.get("/Type") == MCR:
            yield tree.page_of(kid if "/Pg" in kid else element), int(kid.MCID)
        elif is_element(kid):
            yield from _content(tree, kid)


def _has_content(element: Any) -> bool:
    return any(not is_element(kid) or _has_content(kid) for kid in kids(element))


def _reachable(tree: Tree) -> set[tuple[int, int]]:
    seen: set[tuple[int, int]] = set()
    stack = [tree.document]
    while stack:
        element = stack.pop()
        seen.add(element.objgen)
        stack.extend(kid for kid in kids(element) if is_element(kid))
    return seen


def mark_detached_as_pagination(tree: Tree) -> None:
    """Content whose structure hangs off no root is page-margin content: make it an artifact."""
    reachable = _reachable(tree)
    for _number, holder in _parent_tree_values(tree):
        if isinstance(holder, Array):
            for element in holder:
                if is_element(element) and element.objgen not in reachable:
                    tree.pagination.update(_own_content(tree, element))


def _own_content(tree: Tree, element: Any) -> Iterable[tuple[int, int]]:
    return [(page, mcid) for page, mcid in _content(tree, element)]


def _parent_tree_values(tree: Tree) -> list[tuple[int, Any]]:
    nums = list(tree.root.ParentTree.Nums)
    return [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]


def drop_leaders(tree: Tree, element: Any) -> None:
    """A contents entry's leader dots are layout, not text: artifacts, with no structure element."""
    kept: list[Any] = []
    for kid in kids(element):
        if is_element(kid):
            source = tree.sources.get(kid.objgen[0])
            if source is not None and source.leader:
                tree.artifacts.update(_content(tree, kid))
                kept.extend(_links_within(kid))  # the leader's piece of the link stays clickable
                continue
            drop_leaders(tree, kid)
        kept.append(kid)
    set_kids(element, kept)


def _links_within(element: Any) -> Iterable[Any]:
    for kid in kids(element):
        if isinstance(kid, Dictionary) and kid.get("/Type") == OBJR:
            yield kid
        elif is_element(kid):
            yield from _links_within(kid)


def drop_empty(element: Any) -> None:
    """Remove structure elements with no content at all (hidden running-header text, empty spans)."""
    kept = []
    for kid in kids(element):
        if is_element(kid):
            drop_empty(kid)
            if kid.S not in KEPT_WHEN_EMPTY and not _has_content(kid):
                continue
        kept.append(kid)
    set_kids(element, kept)


def _moved(tree: Tree, kid: Any, source: Any, target: Any) -> Any:
    """A kid of ``source`` as a kid of ``target``: bare MCIDs keep their page through an MCR."""
    if isinstance(kid, int):
        return Dictionary(Type=MCR, Pg=source.Pg, MCID=int(kid))
    if is_element(kid):
        kid.P = target
    return kid


def _drop_repeated_header(tree: Tree, first: Any, repeat: Any) -> None:
    tree.artifacts.update(_content(tree, repeat))
    firsts = [cell for cell in _cells(first) if "/ID" in cell]
    repeats = [cell for cell in _cells(repeat) if "/ID" in cell]
    for old, new in zip(repeats, firsts):
        tree.header_ids[str(old.ID)] = str(new.ID)


def _cells(element: Any) -> Iterable[Any]:
    for kid in kids(element):
        if is_element(kid):
            if kid.S in (Name("/TH"), Name("/TD")):
                yield kid
            else:
                yield from _cells(kid)


def _absorb_table(tree: Tree, table: Any, fragment: Any) -> list[Any]:
    """The kids of a table's later fragment that continue it: its repeated head and foot go."""
    head = next((kid for kid in kids(table) if is_element(kid) and Name("/THead") == kid.S), None)
    incoming = []
    for kid in kids(fragment):
        if is_element(kid) and Name("/THead") == kid.S and head is not None:
            _drop_repeated_header(tree, head, kid)
            continue
        incoming.append(kid)
    if any(is_element(kid) and Name("/TFoot") == kid.S for kid in incoming):
        # The foot repeated at the bottom of each earlier page: keep only the last one.
        earlier = [kid for kid in kids(table) if is_element(kid) and Name("/TFoot") == kid.S]
        for foot in earlier:
            tree.artifacts.update(_content(tree, foot))
        set_kids(table, [kid for kid in kids(table) if not any(kid.objgen == foot.objgen for foot in earlier)])
    return incoming


def _absorb_row(tree: Tree, row: Any, fragment: Any) -> None:
    """A row split over a page break: each cell's second piece joins the cell's first piece."""
    cells = {tree.key(cell): cell for cell in kids(row) if is_element(cell) and tree.key(cell) is not None}
    appended = []
    for cell in kids(fragment):
        first = cells.get(tree.key(cell)) if is_element(cell) else None
        if first is not None:
            set_kids(first, kids(first) + [_moved(tree, kid, cell, first) for kid in kids(cell)])
        else:
            appended.append(_moved(tree, cell, fragment, row))
    set_kids(row, kids(row) + appended)


def _absorb(tree: Tree, element: Any, fragment: Any) -> None:
    if Name("/TR") == element.S:
        _absorb_row(tree, element, fragment)
        return
    incoming = _absorb_table(tree, element, fragment) if Name("/Table") == element.S else kids(fragment)
    set_kids(element, kids(element) + [_moved(tree, kid, fragment, element) for kid in incoming])


def join_fragments(tree: Tree, element: Any) -> None:
    """Adjacent siblings from one HTML element (its pieces on successive pages) become one element."""
    joined: list[Any] = []
    for kid in kids(element):
        previous: Any = joined[-1] if joined else None
        if (is_element(kid) and is_element(previous) and kid.S == previous.S
                and tree.key(kid) is not None and tree.key(kid) == tree.key(previous)):
            _absorb(tree, previous, kid)
        else:
            joined.append(kid)
    set_kids(element, joined)
    for kid in joined:
        if is_element(kid):
            join_fragments(tree, kid)


def give_list_items_bodies(tree: Tree, element: Any) -> None:
    """LI -> Lbl + LBody, with everything that is not the label inside the body."""
    for kid in kids(element):
        if is_element(kid):
            give_list_items_bodies(tree, kid)
    if element.get("/S") != Name("/LI"):
        return
    labels = [kid for kid in kids(element) if is_element(kid) and Name("/Lbl") == kid.S]
    rest = [kid for kid in kids(element) if not (is_element(kid) and Name("/Lbl") == kid.S)]
    if (len(rest) == 1 and is_element(rest[0]) and Name("/LBody") == rest[0].S) or not rest:
        return
    body = tree.pdf.make_indirect(Dictionary(Type=STRUCT, S=Name("/LBody"), P=element, Pg=element.Pg, K=Array()))
    set_kids(body, [_moved(tree, kid, element, body) for kid in rest])
    set_kids(element, [*labels, body])


def _fold_nested_links(tree: Tree, link: Any) -> None:
    folded: list[Any] = []
    for kid in kids(link):
        if is_element(kid) and Name("/Link") == kid.S:
            _fold_nested_links(tree, kid)
            folded.extend(_moved(tree, inner, kid, link) for inner in kids(kid))
        else:
            folded.append(kid)
    set_kids(link, folded)


def _rectangle(annotation: Any) -> list[float]:
    return [float(value) for value in annotation.Rect]


def one_annotation_per_link(tree: Tree, element: Any, description: str = "") -> None:
    """Each link: nested link pieces folded in, one annotation per page, described by its text."""
    for kid in kids(element):
        if is_element(kid):
            if Name("/Link") == kid.S:
                _fold_nested_links(tree, kid)
                _merge_annotations(tree, kid, tree.description(kid))
            else:
                one_annotation_per_link(tree, kid)


def _merge_annotations(tree: Tree, link: Any, description: str) -> None:
    first_on_page: dict[int, Any] = {}
    kept: list[Any] = []
    for kid in kids(link):
        if isinstance(kid, Dictionary) and kid.get("/Type") == OBJR:
            annotation = kid.Obj
            page = tree.page_of(kid)
            if description:
                annotation.Contents = pikepdf.String(description)
            if page in first_on_page:
                _join_rectangles(first_on_page[page], annotation)
                _remove_annotation(tree.pdf.pages[page], annotation)
                continue
            first_on_page[page] = annotation
        kept.append(kid)
    set_kids(link, kept)


def _quads(box: list[float]) -> list[float]:
    x1, y1, x2, y2 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
    return [x1, y2, x2, y2, x1, y1, x2, y1]


def _join_rectangles(annotation: Any, other: Any) -> None:
    mine, theirs = _rectangle(annotation), _rectangle(other)
    quads = [float(v) for v in annotation.QuadPoints] if "/QuadPoints" in annotation else _quads(mine)
    quads += _quads(theirs)
    xs, ys = quads[0::2], quads[1::2]
    annotation.Rect = Array([min(xs), min(ys), max(xs), max(ys)])
    annotation.QuadPoints = Array(quads)


def _remove_annotation(page: Any, annotation: Any) -> None:
    page.obj.Annots = Array([annot for annot in page.obj.Annots if annot.objgen != annotation.objgen])


def repoint_header_ids(tree: Tree, element: Any) -> None:
    for cell in _cells(element):
        attributes = cell.get("/A")
        if attributes is not None and "/Headers" in attributes:
            attributes.Headers = Array([pikepdf.String(tree.header_ids.get(str(h), str(h)))
                                        for h in attributes.Headers])


def rebuild_parent_tree(tree: Tree) -> None:
    """Page MCIDs and annotations mapped to the structure elements that own them now."""
    owners: dict[int, dict[int, Any]] = {number: {} for number in range(len(tree.pdf.pages))}
    annotations: dict[int, Any] = {}
    stack = [tree.document]
    while stack:
        element = stack.pop()
        for kid in kids(element):
            if isinstance(kid, int):
                owners[tree.page_of(element)][int(kid)] = element
            elif is_element(kid):
                stack.append(kid)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == MCR:
                owners[tree.page_of(kid if "/Pg" in kid else element)][int(kid.MCID)] = element
            elif isinstance(kid, Dictionary) and kid.get("/Type") == OBJR and "/StructParent" in kid.Obj:
                annotations[int(kid.Obj.StructParent)] = element
    nums: list[Any] = []
    for number, page in enumerate(tree.pdf.pages):
        mapping = owners[number]
        top = max(mapping, default=-1)
        nums += [int(page.obj.StructParents),
                 tree.pdf.make_indirect(Array([mapping.get(mcid, None) for mcid in range(top + 1)]))]
    for number in sorted(annotations):
        nums += [number, annotations[number]]
    tree.root.ParentTree = tree.pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.root.ParentTreeNextKey = max([int(p.obj.StructParents) for p in tree.pdf.pages] + sorted(annotations)) + 1


# a marked-content sequence with an MCID as WeasyPrint writes it ("/P <</MCID 3>> BDC"); its text is
# written as hexadecimal glyph strings, so the pattern cannot match inside a page's text
MARKED_CONTENT = re.compile(rb"/[^\s/<>\[\]()]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
PAGINATION_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
LAYOUT_ARTIFACT = b"/Artifact <</Type /Layout>> BDC"


def rewrite_artifacts(tree: Tree) -> None:
    """Marked content that no structure element owns any more becomes an artifact: its BDC operator is
    rewritten in the page's content stream, which is otherwise left byte for byte as it was."""
    by_page: dict[int, tuple[set[int], set[int]]] = {}  # page -> (pagination MCIDs, layout MCIDs)
    for kind, found in ((0, tree.pagination), (1, tree.artifacts)):
        for page_number, mcid in found:
            by_page.setdefault(page_number, (set(), set()))[kind].add(mcid)
    for number, page in enumerate(tree.pdf.pages):
        pagination, plain = by_page.get(number, (set(), set()))
        if not pagination and not plain:
            continue
        page.contents_coalesce()
        page.obj.Contents = tree.pdf.make_stream(_retagged(page.obj.Contents.read_bytes(), pagination, plain))


def _retagged(content: bytes, pagination: set[int], layout: set[int]) -> bytes:
    def retag(match: re.Match[bytes]) -> bytes:
        mcid = int(match.group(1))
        return PAGINATION_ARTIFACT if mcid in pagination else LAYOUT_ARTIFACT if mcid in layout else match.group()

    return MARKED_CONTENT.sub(retag, content)


def finish(path: Path, sources: dict[int, Source]) -> None:
    """Rewrite the tagged PDF at ``path`` in place; the same input always gives the same bytes."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = Tree(pdf, sources)
        mark_detached_as_pagination(tree)
        drop_leaders(tree, tree.document)
        drop_empty(tree.document)
        join_fragments(tree, tree.document)
        repoint_header_ids(tree, tree.document)
        give_list_items_bodies(tree, tree.document)
        one_annotation_per_link(tree, tree.document)
        rebuild_parent_tree(tree)
        rewrite_artifacts(tree)
        pdf.save(path, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
