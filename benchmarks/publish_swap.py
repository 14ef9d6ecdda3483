"""How often a reader finds build/PACK missing while it is replaced: two renames against one link switch.

Usage: python benchmarks/publish_swap.py [swaps]. A reader thread opens PACK/manifest.json in a loop
while the main thread replaces PACK ``swaps`` times, first as reportkit once did (rename the old
folder aside, rename the new one in), then as reportkit.publish does (a new link renamed over the old).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path


def _reader(folder: Path, stop: threading.Event, counts: list[int]) -> None:
    while not stop.is_set():
        try:
            (folder / "manifest.json").read_bytes()
            counts[0] += 1
        except OSError:
            counts[1] += 1


def _version(base: Path, number: int) -> Path:
    version = base / ".versions" / f"v{number}"
    version.mkdir(parents=True)
    (version / "manifest.json").write_text("{}")
    return version


def measure(swaps: int, by_link: bool) -> tuple[int, int]:
    base = Path(tempfile.mkdtemp())
    pack = base / "PACK"
    first = _version(base, 0)
    if by_link:
        os.symlink(first, pack)
    else:
        first.rename(pack)
    counts, stop = [0, 0], threading.Event()
    reader = threading.Thread(target=_reader, args=(pack, stop, counts))
    reader.start()
    for number in range(1, swaps + 1):
        new = _version(base, number)
        if by_link:
            link = base / f".PACK.link-{number}"
            os.symlink(new, link)
            os.replace(link, pack)
            if number > 1:  # the version just replaced stays until the next switch, as in reportkit
                shutil.rmtree(base / ".versions" / f"v{number - 2}")
        else:
            aside = base / f".previous-{number}"
            pack.rename(aside)
            new.rename(pack)
            shutil.rmtree(aside)
    stop.set()
    reader.join()
    shutil.rmtree(base)
    return counts[0], counts[1]


if __name__ == "__main__":
    swaps = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    for label, by_link in (("two renames", False), ("link switch", True)):
        reads, missing = measure(swaps, by_link)
        print(f"{label}: {swaps} swaps, {reads:,} reads, {missing:,} found PACK missing")
