"""A meeting's papers bound into one pack: the agenda front sheet, then each item's papers in order.

Binding is a change of model only. Each paper's anchors get a prefix, so two papers may both have a
"summary"; its headings move one level down under the pack's single title; each item starts on a
right-hand page and carries a bookmark. The writers know nothing of meetings.

The PDF of a pack is laid out in pieces (:func:`pack_pieces`): the front sheet, and each item's
papers. An item's pages depend only on its papers and the number its first page prints, so an edit
to one paper lays out one piece again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .doctypes.agenda import agenda_blocks, agenda_title, item_anchor, item_end_anchor
from .model import (
    Callout,
    Contents,
    ContentsEntry,
    Cover,
    Document,
    Heading,
    Link,
    Metadata,
    PageRange,
    Part,
    Text,
)
from .read.meeting import Item, Meeting
from .theme import Theme
from .walk import replace


@dataclass(frozen=True)
class ItemPapers:
    """An agenda item with its papers read as documents."""

    item: Item
    papers: tuple[Document, ...]

    @property
    def title(self) -> str:
        return self.item.title or (self.papers[0].meta.title if self.papers else "")


def agenda_document(meeting: Meeting, items: list[ItemPapers], theme: Theme, restricted: bool,
                    title_ending: str = "") -> Document:
    """The front sheet on its own (its page ranges are those of the bound pack of the same kind)."""
    wording = theme.spec.meeting
    titles = {entry.item.number: entry.title for entry in items}
    title = agenda_title(meeting) + title_ending + (" (restricted)" if restricted else "")
    meta = Metadata(title=title, subject=meeting.spec.committee, author=theme.spec.council,
                    language=theme.spec.language, classification=wording.restricted if restricted else "Unrestricted",
                    keywords=(theme.spec.council, meeting.spec.committee, "agenda"))
    return Document("agenda", meta, (Part(tuple(agenda_blocks(meeting, titles, wording, restricted))),))


def bound_pack(meeting: Meeting, items: list[ItemPapers], theme: Theme, restricted: bool) -> Document:
    """The whole pack as one document; the public one leaves out every exempt item."""
    agenda = agenda_document(meeting, items, theme, restricted, " pack")
    parts = [dataclasses.replace(agenda.parts[0], unnumbered=True)]
    for entry in items:
        if (entry.item.exempt and not restricted) or not entry.papers:
            continue
        item_parts = [part for index, paper in enumerate(entry.papers)
                      for part in _shifted(paper, f"i{entry.item.number}-{index + 1}-").parts]
        outline = f"{entry.item.number} {entry.title}"
        item_parts[0] = dataclasses.replace(item_parts[0], start="right", outline=outline,
                                            anchor=item_anchor(entry.item))
        item_parts[-1] = dataclasses.replace(item_parts[-1], end_anchor=item_end_anchor(entry.item))
        parts += item_parts
    return Document("agenda-pack-restricted" if restricted else "agenda-pack", agenda.meta, tuple(parts))


@dataclass(frozen=True)
class PackPieces:
    front: Document  # the front sheet, its page ranges still to fill in (:func:`with_page_ranges`)
    items: tuple[Document, ...]  # each item's papers, from its first page


def pack_pieces(pack: Document) -> PackPieces:
    """The bound pack split where each item starts (on a right-hand page), each piece with the pack's metadata."""
    front = tuple(part for part in pack.parts if part.unnumbered)
    items: list[list[Part]] = []
    for part in pack.parts[len(front):]:
        if part.start == "right":
            items.append([dataclasses.replace(part, start="page")])
        else:
            items[-1].append(part)
    return PackPieces(Document(f"{pack.slug}-front", pack.meta, front),
                      tuple(Document(f"{pack.slug}-{parts[0].anchor}", pack.meta, tuple(parts)) for parts in items))


def blank_leaf(pack: Document) -> Document:
    """One page left blank on purpose (before an item that would start on a left-hand page)."""
    return Document(f"{pack.slug}-leaf", pack.meta, (Part(()),))


def with_page_ranges(front: Document, pages: dict[str, int], wording: str) -> Document:
    """``front`` with each page range written out: ``pages`` are the numbers printed where its anchors landed."""
    def fill(node: Any) -> Any:
        if isinstance(node, PageRange):
            return Text(wording.format(start=pages[node.start], end=pages[node.end]))
        return node

    return replace(front, fill)


def _shifted(doc: Document, prefix: str) -> Document:
    """``doc`` with every anchor and internal link prefixed and every heading one level lower."""
    def change(node: Any) -> Any:
        updates: dict[str, Any] = {}
        if isinstance(node, (Heading, Cover, Contents, ContentsEntry)) or (isinstance(node, Callout) and node.level):
            updates["level"] = min(node.level + 1, 6)
        if getattr(node, "anchor", ""):
            updates["anchor"] = prefix + node.anchor
        if isinstance(node, Link) and node.href.startswith("#"):
            updates["href"] = "#" + prefix + node.href[1:]
        return dataclasses.replace(node, **updates) if updates else node

    return replace(doc, change)
