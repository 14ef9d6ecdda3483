"""One walk over the document model, shared by the resolve transforms, binding and checks.

The model is immutable dataclasses and tuples. :func:`walk` visits every node in document order;
:func:`replace` rebuilds the tree bottom-up, letting a function swap a node for another, or, inside a
tuple of blocks or inlines, for several (a data block becomes its tables) or none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

# payloads a pending node carries for its transform: not part of the document tree
_OPAQUE_FIELDS = frozenset({"spec", "raw", "data", "source"})


# per class, looked up once (as every node is visited); plain dicts, as mypy will not pass a class
# to functools.cache (a class is not Hashable to it)
_NAMES: dict[type, tuple[str, ...] | None] = {}
_CHILDREN: dict[type, tuple[str, ...] | None] = {}


def field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a model class; None for what is not a dataclass."""
    if kind not in _NAMES:
        _NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
    return _NAMES[kind]


def _child_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a node class that hold the tree below it; None for what is not a node."""
    if kind not in _CHILDREN:
        names = field_names(kind)
        _CHILDREN[kind] = None if names is None else tuple(name for name in names if name not in _OPAQUE_FIELDS)
    return _CHILDREN[kind]


def _children(node: Any) -> list[tuple[str, Any]]:
    return [(name, getattr(node, name)) for name in _child_fields(type(node)) or ()]


def _is_node(value: Any) -> bool:
    return _child_fields(type(value)) is not None


def walk(node: Any, visit: Callable[[Any], None]) -> None:
    """Call ``visit`` on ``node`` and every node below it, parents before children, in document order."""
    if isinstance(node, tuple):
        for item in node:
            walk(item, visit)
        return
    if not _is_node(node):
        return
    visit(node)
    for _, value in _children(node):
        walk(value, visit)


def nodes_of(node: Any, kind: type | tuple[type, ...]) -> list[Any]:
    """Every node of ``kind`` below ``node``, in document order."""
    found: list[Any] = []
    walk(node, lambda n: found.append(n) if isinstance(n, kind) else None)
    return found


def replace(node: Any, change: Callable[[Any], Any]) -> Any:
    """``node`` rebuilt with ``change`` applied to every node below it and to itself, children first.

    ``change`` returns the node unchanged, a new node, or (for a node inside a tuple) a tuple of nodes
    to put in its place.
    """
    if isinstance(node, tuple):
        result: list[Any] = []
        changed = False
        for item in node:
            new = replace(item, change)
            changed = changed or new is not item
            if isinstance(new, tuple) and not isinstance(item, tuple):
                result.extend(new)
            else:
                result.append(new)
        return tuple(result) if changed else node  # unchanged: the same tuple, so its parent is not rebuilt
    if not _is_node(node):
        return node
    updates = {}
    for name, value in _children(node):
        new = replace(value, change)
        if new is not value:
            updates[name] = new
    rebuilt = dataclasses.replace(node, **updates) if updates else node
    return change(rebuilt)
