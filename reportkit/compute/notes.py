"""The notes printed under a table or chart: which values are illustrative, the source, the data's own note."""

from __future__ import annotations

from .datasets import DataMeta


def data_notes(meta: DataMeta, illustrative: list[str], illustrative_note: str) -> tuple[str, ...]:
    notes = []
    if illustrative:
        notes.append(f"Illustrative: {', '.join(illustrative)}. {illustrative_note}")
    if meta.source:
        notes.append(f"Source: {meta.source}")
    if meta.note:
        notes.append(meta.note)
    return tuple(notes)


def columns_phrase(labels: list[str]) -> str:
    """'the Extra care column', 'the A, B and C columns'."""
    names = ", ".join(labels[:-1]) + (" and " if len(labels) > 1 else "") + labels[-1]
    return f"the {names} column{'s' if len(labels) > 1 else ''}"
