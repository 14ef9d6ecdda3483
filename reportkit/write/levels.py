"""The heading level of each callout's title: one below the heading it sits under, in both writers.

A callout or case study title is a real heading (screen readers list it, the PDF tags it H<n>,
Word's navigation pane shows it), so it needs a level that never skips one.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Block, Callout, Contents, Cover, Document, FieldList, Heading, ListBlock, Table


def callout_levels(doc: Document) -> dict[int, int]:
    """``id(callout)`` -> the level of its title heading, for every titled callout in ``doc``."""
    levels: dict[int, int] = {}
    current = 1
    for part in doc.parts:
        current = _walk(part.blocks, current, levels)
    return levels


def _walk(blocks: Iterable[Block], current: int, levels: dict[int, int]) -> int:
    for block in blocks:
        if isinstance(block, (Heading, Cover, Contents)):
            current = block.level
        elif isinstance(block, Callout):
            if block.title:
                levels[id(block)] = min(current + 1, 6)
            _walk(block.blocks, levels.get(id(block), current), levels)
        elif isinstance(block, ListBlock):
            for item in block.items:
                current = _walk(item, current, levels)
        elif isinstance(block, FieldList):
            for field in block.fields:
                current = _walk(field.blocks, current, levels)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    _walk(cell.blocks, current, levels)
    return current
