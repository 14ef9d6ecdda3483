"""A one-paragraph edit in one paper of a meeting pack, rebuilt as a command, against a cold build.

Each pair edits the paragraph anew (so its render is never in the cache), rebuilds, and also builds
the pack cold (``--force``, the render cache emptied; the chart cache kept, as charts are drawn once). Target:
the edit costs 0.25 of the cold build or less.

    python benchmarks/incremental.py [--pairs N] [-j N]
"""

from __future__ import annotations

import argparse
import shutil

from paired import command, forget_renders, paired, report, scratch_project

PACK = "cabinet-2025-11"
PAPER = "complaints-report.md"
SENTENCE = "The procedure is flexible and keeps the person at the centre of each investigation."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("-j", "--jobs", default="2")
    args = parser.parse_args()

    root = scratch_project((PACK, "market-position-2025"))
    paper = root / "content" / PACK / PAPER
    original = paper.read_text(encoding="utf-8")
    assert SENTENCE in original, f"the benchmark's sentence is no longer in {PAPER}"
    edits = iter(range(1, 1000))
    build = ("--root", str(root), "build", "-q", "-j", args.jobs, PACK)
    cold = ("--root", str(root), "build", "-q", "--force", "-j", args.jobs, PACK)

    def edit() -> None:
        number = next(edits)
        paper.write_text(original.replace(SENTENCE, SENTENCE.replace("each", f"each of the {number}")),
                         encoding="utf-8")

    try:
        command(*build)  # the charts, and a first build to edit against
        results = paired(lambda: command(*build), lambda: command(*cold), args.pairs,
                         before_first=edit, before_second=lambda: forget_renders(root))
        report(f"{PACK}: one paragraph of {PAPER} edited, against a cold build (-j {args.jobs})",
               "rebuild after a one-paragraph edit", "cold build (render cache empty)", results, 0.25)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
