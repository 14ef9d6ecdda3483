"""The ``# key: value`` lines a data CSV may open with: its source, its illustrative values, a note."""

from __future__ import annotations

from pathlib import Path

from ..compute.datasets import DataMeta
from ..errors import ContentError

META_KEYS = ("source", "illustrative", "note")


def read_meta(lines: list[str], path: Path) -> tuple[DataMeta, int]:
    values: dict[str, str] = {}
    index = 0
    while index < len(lines) and lines[index].lstrip().startswith("#"):
        entry = lines[index].lstrip()[1:].strip()
        if entry:
            key, sep, value = entry.partition(":")
            key = key.strip().lower()
            if not sep or key not in META_KEYS:
                raise ContentError(path, index + 1, f"unknown comment line '{entry}'",
                                   f"comment lines take the form '# key: value' with key one of {', '.join(META_KEYS)}")
            values[key] = f"{values[key]} {value.strip()}" if key == "note" and key in values else value.strip()
        index += 1
    illustrative = tuple(v.strip() for v in values.get("illustrative", "").split(",") if v.strip())
    return DataMeta(values.get("source", ""), illustrative, values.get("note", "")), index
