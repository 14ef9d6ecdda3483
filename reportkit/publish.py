"""Publication of a build: one lock per pack, staging cleaned on every start, and a switch that
never leaves build/PACK missing.

Each build writes a new version folder, build/.versions/PACK/<stamp>/, holding ``public/`` and,
when the pack has exempt papers, ``restricted/``. build/PACK is a symbolic link to the public half
of the current version; build/restricted/PACK to its restricted half. A build switches a link by
making a new one beside it and renaming it over the old: on POSIX systems rename() replaces the
link atomically, so a reader always finds either the old outputs or the new ones, complete. The
version just replaced stays until the next build of the pack starts, so a reader that followed the old
link a moment before the switch can still open its files. Any other version that no link points to
is left over from a build that failed or was killed; it too is removed when the next build starts
(under the lock, so never one still being written).

Where links cannot be made (Windows without the right to create them), build/PACK is a plain folder,
replaced by two renames: there is then a moment in which it is missing.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError

LOCK_TIMEOUT_S = 900
VERSIONS = ".versions"
RESTRICTED = "restricted"


@dataclass(frozen=True)
class Layout:
    """Where one pack's outputs live under build/."""

    out_root: Path
    name: str

    @property
    def public(self) -> Path:
        return self.out_root / self.name

    @property
    def restricted(self) -> Path:
        return self.out_root / RESTRICTED / self.name

    @property
    def versions(self) -> Path:
        return self.out_root / VERSIONS / self.name


@contextmanager
def pack_lock(layout: Layout) -> Iterator[None]:
    """Hold the pack's lock: a second build of the same pack waits for the first to finish."""
    from filelock import FileLock, Timeout

    locks = layout.out_root / ".locks"
    locks.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(locks / f"{layout.name}.lock"))
    try:
        lock.acquire(timeout=LOCK_TIMEOUT_S)
    except Timeout:
        raise ContentError(layout.public, None, f"another build of '{layout.name}' has held the pack's lock for "
                           f"{LOCK_TIMEOUT_S // 60} minutes", "wait for it to finish, or stop it") from None
    try:
        yield
    finally:
        lock.release()


def start(layout: Layout) -> Path:
    """A new, empty version folder to write into, after removing what failed builds left (lock held)."""
    clean(layout)
    staging = layout.versions / f"{time.time_ns()}-{os.getpid()}"
    (staging / "public").mkdir(parents=True)
    return staging


def clean(layout: Layout, keep: frozenset[Path | None] = frozenset()) -> None:
    """Remove every version no link points to (but those in ``keep``), and the staging of the older layout."""
    live = {_target(layout.public), _target(layout.restricted), *keep}
    if layout.versions.is_dir():
        for version in layout.versions.iterdir():
            if not any(target is not None and target.is_relative_to(version.resolve()) for target in live):
                _remove(version)
    for pattern in (f".staging-{layout.name}-*", f".previous-{layout.name}-*"):
        for leftover in layout.out_root.glob(pattern):
            if leftover.name.rpartition("-")[2].isdigit() and leftover.name.count("-") == layout.name.count("-") + 2:
                _remove(leftover)  # .staging-NAME-PID: not another pack's whose name starts with NAME-


def publish(staging: Path, layout: Layout) -> None:
    """Make ``staging`` the current version: the restricted half first, then the public one."""
    replaced = frozenset({_target(layout.public), _target(layout.restricted)})
    restricted = staging / RESTRICTED
    if restricted.is_dir():
        _switch(layout.restricted, restricted, layout)
    elif layout.restricted.is_symlink() or layout.restricted.exists():
        _remove(layout.restricted)
    _switch(layout.public, staging / "public", layout)
    clean(layout, keep=replaced)


def discard(staging: Path) -> None:
    _remove(staging)


def _switch(link: Path, target: Path, layout: Layout) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_dir() and not link.is_symlink():
        # A plain folder: from a build before versions were kept, or a system without links.
        aside = layout.versions / f"replaced-{time.time_ns()}"
        link.rename(aside)
    temporary = link.with_name(f".{link.name}.link-{os.getpid()}")
    try:
        os.symlink(os.path.relpath(target, link.parent), temporary, target_is_directory=True)
    except OSError:
        _replace_folder(link, target, layout)
        return
    os.replace(temporary, link)


def _replace_folder(folder: Path, new: Path, layout: Layout) -> None:
    """Without links: rename the old folder aside, the new one into place, then drop the old."""
    aside = layout.versions / f"replaced-{time.time_ns()}"
    if folder.exists():
        folder.rename(aside)
    new.rename(folder)
    _remove(aside)


def _target(link: Path) -> Path | None:
    return link.resolve() if link.is_symlink() else None


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
