"""A meeting's papers bound into one pack: the agenda front sheet, then each item's papers in order.

Binding is a change of model only. Each paper's anchors get a prefix, so two papers may both have a
"summary"; its headings move one level down under the pack's single title; each item starts on a
right-hand page and carries a bookmark. The writers know nothing of meetings.
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
    Part,
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


def printed_pages(anchor_pages: dict[str, int], pack: Document) -> dict[str, int]:
    """Anchor -> the page number printed on the page (the front sheet's pages are not counted)."""
    first = next(part.anchor for part in pack.parts if not part.unnumbered)
    offset = anchor_pages[first] - 1
    return {anchor: page - offset for anchor, page in anchor_pages.items()}


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
