"""The values transform: every cited value in prose becomes its printed text.

An illustrative value carries "(illustrative)" where the document first cites it, not at every citation.
"""

from __future__ import annotations

from collections import ChainMap
from dataclasses import fields
from dataclasses import replace as rebuilt
from typing import Any

from ..model import Document, Text, ValueRef
from ..walk import replace
from .context import ResolveContext
from .placeholders import value_text


def resolve_values(doc: Document, ctx: ResolveContext) -> Document:
    values = ChainMap(doc.values, ctx.values)  # looked up, not copied: the pack's values note what is cited
    marked: set[str] = set()  # an illustrative value is said to be so where the document first cites it

    def change(node: Any) -> Any:
        if isinstance(node, ValueRef):
            text = value_text(node.name, values, node.source.path, node.source.line, node.name not in marked)
            marked.add(node.name)
            return Text(text)
        return node

    return merge_text(replace(doc, change))


def merge_text(doc: Document) -> Document:
    """Adjacent texts joined again, as the reader left them before values were split out."""

    def change(node: Any) -> Any:
        updates = {}
        for field in fields(node):
            value = getattr(node, field.name)
            if field.name in ("content", "children") and isinstance(value, tuple) and len(value) > 1:
                merged: list[Any] = []
                for inline in value:
                    if merged and isinstance(inline, Text) and isinstance(merged[-1], Text):
                        merged[-1] = Text(merged[-1].text + inline.text)
                    else:
                        merged.append(inline)
                if len(merged) != len(value):
                    updates[field.name] = tuple(merged)
        return rebuilt(node, **updates) if updates else node

    return replace(doc, change)
