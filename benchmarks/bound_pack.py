"""Binding a meeting pack from its pieces (each item's papers, the front sheet, the blank pages):

1. after an edit to one paper, so that one item's piece (and the front sheet, if its page ranges
   move) is laid out again and the rest come from the render cache, against binding it cold (every
   piece laid out);
2. binding it cold, against one WeasyPrint render of the whole pack as a single document (the way
   packs were bound before pieces; a cost comparison only, its front sheet is numbered like a paper).

Pair by pair, in CPU and wall seconds, in this process.

    python benchmarks/bound_pack.py [PACK] [--pairs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

from paired import ROOT, paired, report

from reportkit.bind import bound_pack, with_page_ranges
from reportkit.build import pack_resources
from reportkit.model import Document, Paragraph, Text
from reportkit.papers import read_contents
from reportkit.render.binding import write_bound
from reportkit.render.cache import RenderCache
from reportkit.render.outputs import render_setting
from reportkit.render.setting import Setting
from reportkit.write.pdf import write_pdf


def edited(pack: Document, part: int, number: int) -> Document:
    """``pack`` with a sentence added to the first paragraph of one part (an edit to one paper)."""
    parts = list(pack.parts)
    blocks = list(parts[part].blocks)
    first = next(index for index, block in enumerate(blocks) if isinstance(block, Paragraph))
    paragraph = blocks[first]
    assert isinstance(paragraph, Paragraph)
    blocks[first] = dataclasses.replace(paragraph, content=(*paragraph.content, Text(f" Edit {number}.")))
    parts[part] = dataclasses.replace(parts[part], blocks=tuple(blocks))
    return dataclasses.replace(pack, parts=tuple(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2025-11")
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()

    contents = read_contents(ROOT, args.pack)
    meeting = contents.pack.meeting
    if meeting is None:
        sys.exit(f"{args.pack} is not a meeting pack")
    date = contents.pack.spec.date
    when = datetime(date.year, date.month, date.day, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    theme = contents.pack.context.theme
    resources = pack_resources(ROOT, contents)
    scratch = ROOT / "build" / ".benchmark"
    cache_folder = scratch / "renders"
    shutil.rmtree(scratch, ignore_errors=True)  # no pieces left from an earlier run
    pack = bound_pack(meeting, contents.items, theme, restricted=False)
    middle = [index for index, part in enumerate(pack.parts) if part.start == "right"][len(contents.items) // 2]
    edits = count(1)

    def setting(cache: Path) -> Setting:
        return render_setting(theme, resources, when, RenderCache(cache), processes=1)

    def cold() -> None:
        shutil.rmtree(cache_folder, ignore_errors=True)
        write_bound(pack, setting(cache_folder), scratch / "pack.pdf")

    warm = setting(scratch / "warm")
    printed = write_bound(pack, warm, scratch / "pack.pdf").pages  # every piece in the warm cache
    single = with_page_ranges(pack, printed, theme.spec.meeting.pages)

    def after_edit() -> None:
        write_bound(edited(pack, middle, next(edits)), warm, scratch / "edited.pdf")

    scratch.mkdir(parents=True, exist_ok=True)
    results = paired(after_edit, cold, args.pairs)
    report(f"{args.pack}: the bound pack after an edit to one paper", "one item's piece laid out again",
           "every piece laid out (cold)", results, 0.25)
    results = paired(cold, lambda: write_pdf(single, theme, resources, scratch / "single.pdf"), args.pairs)
    report(f"{args.pack}: binding the pack cold", "every piece laid out, then bound",
           "one render of the whole pack", results)
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
