"""The render cache: each document's outputs, kept under build/.cache/renders/<key>/.

The key is a hash of everything the outputs are a function of: the resolved model itself (with
every file it points at hashed by content and named by its virtual address), the theme chain's
files, the toolkit's code, the tool versions, the text libraries' versions, the font subsetter and
the build's timestamp. Any change to any of these is a new key, so an entry is only ever reused
for an identical render.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..manifest import code_hash, sha256, tool_versions
from ..theme import Theme
from ..walk import field_names
from .fonts import library_versions

KEY_VERSION = "render-2"
PAGES_FILE = "pages.json"  # where each anchor landed, and the entries the render used


_SCALARS = (str, int, float, bool, type(None))


def canonical(value: Any, address: Callable[[Path], str]) -> Any:
    """``value`` (a model node, tuple, dict or scalar) as plain JSON data, the same for the same content.

    A file path becomes its virtual address (never the clone's path) and its content's hash.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [canonical(item, address) for item in value]
    names = field_names(kind)
    if names is not None:
        return [kind.__name__, {name: canonical(getattr(value, name), address) for name in names}]
    if isinstance(value, dict):
        return [[str(k), canonical(v, address)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
    if isinstance(value, Path):
        return ["file", address(value), sha256(value) if value.is_file() else None]
    if isinstance(value, enum.Enum):
        return canonical(value.value, address)
    if isinstance(value, _SCALARS):  # a subclass of one, such as a str with a type of its own
        return value
    raise TypeError(f"cannot key a render on a {type(value).__name__}")


def theme_chain_hash(theme: Theme) -> str:
    """The files of the theme, of the themes it extends and of the base templates they fall back to."""
    digest = hashlib.sha256()
    for folder in (*(theme.folders or (theme.folder,)), theme.folder.parent / "_base"):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder.parent).as_posix().encode() + b"\0" + sha256(path).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Keying:
    """What every render key of one build shares: the theme chain (``theme_chain_hash``), the build's
    timestamp and the font subsetter; the toolkit's code and the tool versions are added to each key."""

    theme: str
    epoch: int
    subsetter: str

    def key(self, parts: Any, address: Callable[[Path], str]) -> str:
        """The key of one render; ``parts``: the documents it writes and how."""
        material = {"version": KEY_VERSION, "model": canonical(parts, address), "theme": self.theme,
                    "code": code_hash(), "tools": _tools(), "libraries": library_versions(),
                    "subsetter": self.subsetter, "epoch": self.epoch}
        return hashlib.sha256(json.dumps(material, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@lru_cache(maxsize=1)
def _tools() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(tool_versions().items()))


class RenderCache:
    """Entries are folders written whole under a temporary name, then renamed: never half there.

    The temporary folders of one build, made in any of its processes, are kept together in one folder
    of its own, so the build can remove whatever a stopped worker left unfinished."""

    def __init__(self, folder: Path, read: bool = True) -> None:
        self.folder = folder
        self.read = read  # False (--force) renders everything again, still refreshing the entries
        self.unfinished = folder / f".unfinished-{os.getpid()}"  # named by the build's process, not a worker's

    def get(self, key: str) -> Path | None:
        entry = self.folder / key
        if self.read and (entry / PAGES_FILE).is_file():
            return entry
        return None

    def scratch(self, key: str) -> Path:
        """A fresh folder to render ``key`` into; ``store`` makes it the entry."""
        work = self.unfinished / f"{key}.{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        return work

    def discard_unfinished(self) -> None:
        """Remove this build's temporary folders: every render it finished has been stored."""
        shutil.rmtree(self.unfinished, ignore_errors=True)

    def store(self, key: str, work: Path, pages: dict[str, int], uses: tuple[str, ...] = ()) -> Path:
        """``uses``: the entries this render was made from (a bound pack's pieces), kept while it is."""
        record = {"pages": pages, "uses": list(uses)}
        (work / PAGES_FILE).write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        entry = self.folder / key
        if (entry / PAGES_FILE).is_file():  # already stored (by --force's build, or another worker): same bytes
            shutil.rmtree(work, ignore_errors=True)
            return entry
        shutil.rmtree(entry, ignore_errors=True)
        try:
            work.rename(entry)
        except OSError:  # another worker stored it in the meantime
            shutil.rmtree(work, ignore_errors=True)
        return entry

    @staticmethod
    def record(entry: Path) -> tuple[dict[str, int], tuple[str, ...]]:
        """The pages and the entries used, as stored with ``entry``."""
        record = json.loads((entry / PAGES_FILE).read_text(encoding="utf-8"))
        return record["pages"], tuple(record["uses"])

    def keep_only(self, pack: str, keys: set[str]) -> None:
        """Record the entries ``pack`` uses now, and drop every entry no pack's record names."""
        records = self.folder / ".used-by"
        records.mkdir(parents=True, exist_ok=True)
        (records / f"{pack}.json").write_text(json.dumps(sorted(keys)), encoding="utf-8")
        used: set[str] = set()
        for record in records.glob("*.json"):
            try:
                used.update(json.loads(record.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
        for entry in self.folder.iterdir():
            if entry.is_dir() and not entry.name.startswith(".") and entry.name not in used:
                shutil.rmtree(entry, ignore_errors=True)

