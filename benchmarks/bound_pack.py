"""Binding a meeting pack: today's single WeasyPrint render of the whole pack, against re-using the
papers' own PDFs (from the render cache) and merging them after a render of the front sheet alone.

The re-use side is timed only to its floor: the front sheet's render plus a pikepdf merge. To be
the same pack it would still have to renumber every page (each paper's PDF counts from 1; the pack
counts on from its front sheet), put a blank page before each right-hand start, push every heading
one level down in the tag tree (the papers' titles are H1 on their own, H2 in the pack), merge the
papers' tag trees, parent trees, links and bookmarks (a page copy keeps none of them), and point
the front sheet's page ranges at the merged pages. Pair by pair, in CPU and wall seconds.

    python benchmarks/bound_pack.py [PACK] [--pairs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import sys
import warnings

from paired import ROOT, paired, report

from reportkit.bind import bound_pack
from reportkit.build import pack_resources
from reportkit.model import Document
from reportkit.papers import read_contents
from reportkit.write.pdf import write_pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2025-11")
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()

    import pikepdf

    warnings.filterwarnings("ignore", message="Copying pages")  # links are not what this times
    contents = read_contents(ROOT, args.pack)
    meeting = contents.pack.meeting
    if meeting is None:
        sys.exit(f"{args.pack} is not a meeting pack")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    theme = contents.pack.context.theme
    resources = pack_resources(ROOT, contents)
    scratch = ROOT / "build" / ".benchmark"
    scratch.mkdir(parents=True, exist_ok=True)
    pack = bound_pack(meeting, contents.items, theme, restricted=False)
    front = Document(pack.slug, pack.meta, tuple(part for part in pack.parts if part.unnumbered))
    front = dataclasses.replace(front, parts=tuple(dataclasses.replace(p, unnumbered=False) for p in front.parts))
    public = [doc for entry in contents.items if not entry.item.exempt for doc in entry.papers]
    papers = []
    for index, doc in enumerate(public):  # the papers' own PDFs, as the render cache holds them
        papers.append(scratch / f"{index}.pdf")
        write_pdf(doc, theme, resources, papers[-1])

    def single() -> None:
        write_pdf(pack, theme, resources, scratch / "pack.pdf")

    def reuse() -> None:
        write_pdf(front, theme, resources, scratch / "front.pdf")
        with pikepdf.new() as merged:
            for path in (scratch / "front.pdf", *papers):
                with pikepdf.open(path) as paper:
                    merged.pages.extend(paper.pages)
            merged.save(io.BytesIO())

    results = paired(single, reuse, args.pairs)
    with pikepdf.open(scratch / "pack.pdf") as bound:
        pages = len(bound.pages)
    report(f"{args.pack}: binding the {pages}-page pack", "one render of the whole pack (today)",
           "front sheet + merge of the papers' PDFs", results)
    print("  the merge is a floor only: page numbers, blank pages, heading levels, tags, links and bookmarks "
          "are not yet right in it (see this file's docstring)")


if __name__ == "__main__":
    main()
