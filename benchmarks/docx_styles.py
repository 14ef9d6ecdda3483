"""The DOCX writer with python-docx's style look-ups remembered, against the same writer without,
pair by pair, in CPU and wall seconds; the bytes are checked to be the same.

    python benchmarks/docx_styles.py [PACK] [--pairs N]
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from paired import ROOT, paired, report

import reportkit.write.docx as docx_writer
from reportkit.papers import read_contents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="self-assessment-2024-09")
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()

    contents = read_contents(ROOT, args.pack)
    theme = contents.pack.context.theme
    when = datetime(2026, 1, 1, tzinfo=UTC)
    scratch = ROOT / "build" / ".benchmark"
    scratch.mkdir(parents=True, exist_ok=True)
    remembering = docx_writer.remember_style_ids

    def write(label: str) -> None:
        for doc in contents.documents:
            docx_writer.write_docx(doc, theme, scratch / f"{label}-{doc.slug}.docx", when, {})

    def remembered() -> None:
        docx_writer.remember_style_ids = remembering
        write("remembered")

    def plain() -> None:
        docx_writer.remember_style_ids = lambda document: None
        write("plain")

    try:
        results = paired(remembered, plain, args.pairs)
    finally:
        docx_writer.remember_style_ids = remembering
    for doc in contents.documents:
        same = ((scratch / f"remembered-{doc.slug}.docx").read_bytes()
                == (scratch / f"plain-{doc.slug}.docx").read_bytes())
        print(f"  {doc.slug}.docx byte-identical: {same}")
    report(f"{args.pack}: DOCX writer, style look-ups remembered against not", "remembered", "python-docx as is",
           results)


if __name__ == "__main__":
    main()
