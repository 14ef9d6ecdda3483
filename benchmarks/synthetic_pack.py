"""A synthetic meeting pack of about 75 and about 300 bound pages, built cold as commands, pair by
pair: the time of the 4x pack over the 1x pack (target: 4.4 or less, time linear in pages) and the
peak resident memory of any one process (target: 500 MB or less).

The papers are generated committee reports (short sentences drawn from a fixed vocabulary, so the
checks pass); they exist only in a scratch folder.

    python benchmarks/synthetic_pack.py [--papers N] [--pairs N] [-j N] [--keep]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
from pathlib import Path

from paired import command, paired, report, scratch_project

WORDS = ["care", "service", "people", "support", "council", "home", "plan", "team", "week", "month", "staff", "family",
         "carer", "visit", "review", "budget", "report", "need", "help", "local", "area", "record", "data", "year",
         "change", "meeting", "health", "adult", "day"]
SECTIONS = 20  # per paper: about 14 pages


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(7, 14))]
    return " ".join(words).capitalize() + "."


def _paper(rng: random.Random, number: int, date: str) -> str:
    body = []
    for section in range(1, SECTIONS + 1):
        body.append(f"# Section {section}\n")
        for _ in range(4):
            body.append(" ".join(_sentence(rng) for _ in range(6)) + "\n")
        body.append("\n".join(f"- {_sentence(rng)}" for _ in range(4)) + "\n")
    return f"""---
type: committee-report
from:
  - name: A Member
    role: Cabinet Member for Adult Social Care
to:
  committee: Synthetic Committee
  date: {date}
subject: Synthetic paper {number}
classification: Unrestricted
summary: A generated paper for timing the build.
recommendations: The Committee is asked to NOTE the report.
authors:
  - name: An Author
    role: Analyst
    phone: 03000 000003
    email: an.author@kent.gov.uk
---
""" + "\n".join(body)


def write_pack(content: Path, name: str, papers: int) -> None:
    """content/NAME: a meeting with one item per paper."""
    rng = random.Random(papers)
    folder = content / name
    folder.mkdir(parents=True)
    date = "2026-04-01"
    items = "\n".join(f"    - number: {n}\n      papers: [paper-{n}.md]" for n in range(1, papers + 1))
    (folder / "pack.yaml").write_text(f"""title: Synthetic Committee, 1 April 2026
theme: kent
date: {date}
meeting:
  committee: Synthetic Committee
  time: 10.00 am
  venue: Council Chamber, Sessions House, County Hall, Maidstone
  contact: {{name: A Clerk, phone: 03000 000001, email: a.clerk@kent.gov.uk}}
  membership:
    - {{party: First Party, members: [Ms A One (Chair), Mr B Two]}}
  published: 2026-03-23
  signed_by: {{name: A Monitoring Officer, role: Monitoring Officer, phone: 03000 000002}}
  items:
{items}
""", encoding="utf-8")
    for n in range(1, papers + 1):
        (folder / f"paper-{n}.md").write_text(_paper(rng, n, date), encoding="utf-8")


def _bound_pages(root: Path, name: str) -> int:
    import pikepdf

    with pikepdf.open(root / "build" / name / "agenda-pack.pdf") as pdf:
        return len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5, help="papers in the small pack (the large has 4x)")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("-j", "--jobs", default="1")
    parser.add_argument("--keep", action="store_true", help="keep the scratch project and say where it is")
    args = parser.parse_args()

    root = scratch_project(())
    small, large = "synthetic-small", "synthetic-large"
    write_pack(root / "content", small, args.papers)
    write_pack(root / "content", large, 4 * args.papers)

    def cold(name: str) -> None:
        command("--root", str(root), "build", "-q", "--force", "-j", args.jobs, name)

    try:
        cold(small)
        cold(large)
        pages = {name: _bound_pages(root, name) for name in (small, large)}
        results = paired(lambda: cold(large), lambda: cold(small), args.pairs)
        report(f"synthetic meeting packs, cold builds (-j {args.jobs}): {pages[large]} bound pages against "
               f"{pages[small]} ({pages[large] / pages[small]:.2f}x the pages)", large, small, results, 4.4)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  peak resident memory of any one process: {peak:.0f} MB   (target: 500 MB or less)")
    finally:
        if args.keep:
            print(f"  kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
