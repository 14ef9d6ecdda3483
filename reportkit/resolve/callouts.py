"""The callout-titles transform: a callout or case study's title becomes a heading one level below the
heading it sits under (screen readers list it, the PDF tags it H<n>, Word's navigation pane shows it),
so its level never skips one. Both writers read the level from the model."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..model import Block, Callout, Cell, Contents, Cover, Document, FieldList, Heading, ListBlock, Table


def level_callouts(doc: Document) -> Document:
    current = 1
    parts = []
    for part in doc.parts:
        blocks, current = _levelled(part.blocks, current)
        parts.append(dataclasses.replace(part, blocks=blocks))
    return dataclasses.replace(doc, parts=tuple(parts))


def _levelled(blocks: Iterable[Block], current: int) -> tuple[tuple[Block, ...], int]:
    """``blocks`` with their callouts' levels set; the heading level in force after them."""
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, (Heading, Cover, Contents)):
            current = block.level
        elif isinstance(block, Callout):
            level = min(current + 1, 6) if block.title else 0
            inner, _ = _levelled(block.blocks, level or current)
            block = dataclasses.replace(block, blocks=inner, level=level)
        elif isinstance(block, ListBlock):
            block = dataclasses.replace(block, items=tuple(_levelled(item, current)[0] for item in block.items))
        elif isinstance(block, FieldList):
            block = dataclasses.replace(block, fields=tuple(
                dataclasses.replace(field, blocks=_levelled(field.blocks, current)[0]) for field in block.fields))
        elif isinstance(block, Table):
            block = dataclasses.replace(block, rows=tuple(tuple(_cell(cell, current) for cell in row)
                                                          for row in block.rows))
        result.append(block)
    return tuple(result), current


def _cell(cell: Cell, current: int) -> Cell:
    return dataclasses.replace(cell, blocks=_levelled(cell.blocks, current)[0]) if cell.blocks else cell
