"""The contents transform: a pending contents list is filled from the document's headings."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..model import Contents, ContentsEntry, Document, Heading, plain_text
from ..walk import nodes_of, replace


def fill_contents(doc: Document) -> Document:
    headings = [h for part in doc.parts for h in nodes_of(part.blocks, Heading) if h.anchor]

    def change(node: Any) -> Any:
        if not isinstance(node, Contents) or node.entries is not None:
            return node
        entries = tuple(ContentsEntry(h.level, _entry_text(h), h.anchor) for h in headings
                        if h.level in node.levels and h.anchor != node.anchor)
        return dataclasses.replace(node, entries=entries)

    return replace(doc, change)


def _entry_text(heading: Heading) -> str:
    text = plain_text(heading.content)
    return f"{heading.number} {text}" if heading.number else text
