"""Two ways to bind a meeting pack, timed: one WeasyPrint render of the whole pack (what reportkit
does), against rendering each item's papers on their own and merging the PDFs afterwards.

The merged route is timed only to its floor, the renders plus a pikepdf merge. It would still have to
stamp the pack's page numbers onto every page and fill in the front sheet, and the merge drops the
papers' tag trees, which PDF/UA needs. Those are the reasons the single render was chosen; this
benchmark shows what the choice costs.

    python benchmarks/bound_pack.py [PACK] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys

from build_vs_floor import ROOT, timed  # also puts the repository on the import path

from reportkit.bind import bound_pack  # noqa: E402
from reportkit.papers import chart_cache, read_contents  # noqa: E402
from reportkit.write.pdf import write_pdf  # noqa: E402
from reportkit.write.resources import Resources  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2025-11")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import warnings

    import pikepdf

    warnings.filterwarnings("ignore", message="Copying pages")  # links are not what this times
    contents = read_contents(ROOT, args.pack)
    meeting = contents.pack.meeting
    if meeting is None:
        sys.exit(f"{args.pack} is not a meeting pack")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    theme = contents.pack.context.theme
    roots = {"pack": contents.pack.folder, "theme": theme.folder, "charts": chart_cache(ROOT)}
    roots.update({f"pack-{n}": f for n, f in contents.included.items()})
    resources = Resources(roots)
    scratch = ROOT / "build" / ".benchmark"
    scratch.mkdir(parents=True, exist_ok=True)
    pack = bound_pack(meeting, contents.items, theme, restricted=False)

    def single() -> None:
        write_pdf(pack, theme, resources, scratch / "pack.pdf")

    def per_item() -> None:
        with pikepdf.new() as merged:
            for index, doc in enumerate(contents.documents):
                write_pdf(doc, theme, resources, scratch / f"{index}.pdf")
                with pikepdf.open(scratch / f"{index}.pdf") as paper:
                    merged.pages.extend(paper.pages)
            merged.save(io.BytesIO())

    one = statistics.median(timed(single) for _ in range(args.repeat))
    many = statistics.median(timed(per_item) for _ in range(args.repeat))
    with pikepdf.open(scratch / "pack.pdf") as bound:
        pages = len(bound.pages)
    print(f"pack                                   {args.pack} ({pages} pages bound)")
    print(f"one render of the whole pack           {one:6.2f} s  (median of {args.repeat})")
    print(f"each paper rendered, then merged       {many:6.2f} s  (median of {args.repeat}; floor only)")


if __name__ == "__main__":
    main()
