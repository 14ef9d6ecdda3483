"""One confinement rule for every file the build reads.

A file may be read only when its real path (after resolving every symlink) lies inside one of the
folders the build is allowed to read: the pack, the packs its meeting binds papers from, its theme
and the toolkit's shared templates (templates/_base). It must be a regular file (never a folder, a
pipe or a device, which is checked without opening it) and no bigger than its kind's limit. Pack and
theme names are plain folder names, so no name can point outside content/ or templates/.

The allowed folders are held for the duration of a build or check (:func:`confined`); readers used
on their own, outside one, still get the file-type and size checks.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from .errors import ContentError

PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")
MAX_NAME = 100  # characters in a pack or theme name
MAX_FILE_NAME = 255  # bytes in one file name on common file systems
MAX_TEXT_BYTES = 4 * 1024 * 1024  # a content, data or theme file
MAX_BINARY_BYTES = 32 * 1024 * 1024  # an image or a font

_roots: ContextVar[list[Path] | None] = ContextVar("confine_roots", default=None)
_reads: ContextVar[set[Path] | None] = ContextVar("confine_reads", default=None)

Where = tuple[Path, int | None]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@contextmanager
def confined(*folders: Path) -> Iterator[None]:
    """Allow reading only under ``folders`` (and any :func:`allow` adds) until the block ends."""
    outer = _roots.get()
    token = _roots.set([*(outer or []), *(f.resolve() for f in folders)])
    try:
        yield
    finally:
        _roots.reset(token)


def allow(folder: Path) -> None:
    """Add a folder to the current confinement (a pack or theme found to be in use)."""
    roots = _roots.get()
    if roots is not None:
        roots.append(folder.resolve())


@contextmanager
def recording() -> Iterator[set[Path]]:
    """Collect the real path of every file read inside the block."""
    reads: set[Path] = set()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def note_read(real: Path) -> None:
    reads = _reads.get()
    if reads is not None:
        reads.add(real)


def plain_name(name: str, what: str, cited_at: Where) -> str:
    """A pack or theme name: a folder name, never a path."""
    if len(name) > MAX_NAME or not PLAIN_NAME.match(name):
        raise ContentError(cited_at[0], cited_at[1], f"'{shown(name)}' is not a {what} name",
                           f"name a {what} by its folder name alone, such as cabinet-2026-07 (letters, digits, "
                           f"'-', '_' and '.'; no '/' or '..')")
    return name


def named_folder(parent: Path, name: str, what: str, cited_at: Where) -> Path:
    """``parent/name`` for a plain ``name``, refused when it is a link to a folder elsewhere."""
    folder = parent / plain_name(name, what, cited_at)
    try:
        inside = folder.resolve().is_relative_to(parent.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise ContentError(cited_at[0], cited_at[1], f"{what} '{name}' is a link to a folder outside {parent.name}/",
                           f"keep the {what} itself in {parent.name}/")
    return folder


def checked_file(path: Path, limit: int = MAX_TEXT_BYTES, cited_at: Where | None = None) -> Path:
    """The real path behind ``path`` when it may be read; a ContentError naming it otherwise."""
    where: Where = cited_at or (path, None)
    name = shown(path.name)
    try:
        real = path.resolve(strict=True)
        info = os.stat(real)
    except FileNotFoundError:
        raise ContentError(*where, f"file '{name}' not found", "check the file name and folder") from None
    except (OSError, RuntimeError) as exc:
        reason = getattr(exc, "strerror", None) or "it cannot be read"
        raise ContentError(*where, f"file '{name}' cannot be read ({reason})",
                           "use a short file name of letters, digits and '-' in the pack folder") from None
    roots = _roots.get()
    if roots is not None and not any(real.is_relative_to(root) for root in roots):
        raise ContentError(*where, f"'{name}' is outside the pack and its theme",
                           "copy the file into the pack folder; links (symlinks) to files elsewhere are not followed")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or a device)"
        raise ContentError(*where, f"'{name}' is {kind}", "put an ordinary file of that name in its place")
    if info.st_size > limit:
        raise ContentError(*where, f"'{name}' is {info.st_size / 2**20:.1f} MB, over the limit of "
                           f"{limit / 2**20:.0f} MB", "split the file, or make the picture smaller")
    note_read(real)
    return real


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES, cited_at: Where | None = None) -> bytes:
    """The bytes of a file that passes :func:`checked_file`, opened so that a pipe swapped in cannot block."""
    real = checked_file(path, limit, cited_at)
    where: Where = cited_at or (path, None)
    try:
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ContentError(*where, f"file '{shown(path.name)}' cannot be read ({exc.strerror})",
                           "check the file's permissions") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ContentError(*where, f"'{shown(path.name)}' is not a regular file", "put an ordinary file there")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ContentError(*where, f"'{shown(path.name)}' is over the limit of {limit / 2**20:.0f} MB",
                           "split the file")
    return data


def read_text(path: Path, cited_at: Where | None = None) -> str:
    """A UTF-8 text file (a leading byte-order mark is dropped, as Excel writes one)."""
    data = read_bytes(path, MAX_TEXT_BYTES, cited_at)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ContentError(path, line, f"not UTF-8 text ({exc.reason})", "save the file as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise ContentError(path, line, f"a control character ({control.group()!r}) is in the text",
                           "delete it: it is invisible and cannot be printed (it often comes from copying out of "
                           "another program)")
    return text


def shown(text: str, limit: int = 60) -> str:
    """A name as it can be printed on one line: control characters escaped, long names cut."""
    printable = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return printable if len(printable) <= limit else printable[:limit] + "..."
