"""reportkit against the generic chain on the same content, as commands: pandoc to DOCX, plus pandoc
to HTML and WeasyPrint to PDF. Target: reportkit's DOCX + PDF in 1.0 of the chain's wall time or less.

The chain is given the pack's Markdown files as they are, front matter removed and joined in order
(it cannot compute the tables, charts or cited figures, so it writes less). Needs pandoc (Debian:
``apt-get install pandoc``). Charts are drawn once before timing, as a rebuild finds them cached.

A third comparison times the ``weasyprint`` command alone writing reportkit's own HTML of the
document as a PDF/UA-1 file, against the chain: one process laying out and drawing every page, as
reportkit did before it drew long documents in two ranges at once and each contents leader as one run.

    python benchmarks/pandoc_chain.py [PACK] [--pairs N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from paired import command, paired, report, scratch_project

WEASYPRINT = Path(sys.executable).with_name("weasyprint")


def _markdown(pack: Path) -> str:
    """Every Markdown file of the pack, the main document first, without its front matter."""
    import yaml

    spec = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))
    first = [pack / name for name in spec.get("documents", [])]
    files = first + sorted(p for p in pack.glob("*.md") if p not in first)
    texts = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 2)[-1].split("\n", 1)[-1]
        texts.append(text)
    return "\n\n".join(texts)


def _own_html(root: Path, pack: str, target: Path) -> None:
    """reportkit's print HTML of the pack's main document, its files' virtual addresses made real."""
    from reportkit.build import pack_resources
    from reportkit.papers import read_contents
    from reportkit.write.html import render_html
    from reportkit.write.resources import PREFIX

    contents = read_contents(root, pack)
    resources = pack_resources(root, contents)
    html = render_html(contents.documents[0], contents.pack.context.theme, resources)

    def real(match: re.Match[str]) -> str:
        path = resources.path(match.group())
        assert path is not None, match.group()
        return path.as_uri()

    target.write_text(re.sub(re.escape(PREFIX) + r"[^\"')]+", real, html), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="self-assessment-2024-09")
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc is not installed (Debian: apt-get install pandoc)")

    root = scratch_project((args.pack,))
    chain = root / "chain"
    chain.mkdir()
    source = chain / "all.md"
    source.write_text(_markdown(root / "content" / args.pack), encoding="utf-8")

    def run(*argv: str) -> None:
        subprocess.run(argv, check=True, capture_output=True)

    def pdf_leg() -> None:
        run("pandoc", str(source), "-s", "--metadata", "title=Same content", "-o", str(chain / "all.html"))
        run(str(WEASYPRINT), str(chain / "all.html"), str(chain / "all.pdf"))

    def whole_chain() -> None:
        run("pandoc", str(source), "-o", str(chain / "all.docx"))
        pdf_leg()

    def own_html_alone() -> None:
        run(str(WEASYPRINT), "--pdf-variant", "pdf/ua-1", str(chain / "own.html"), str(chain / "own.pdf"))

    reportkit = ("--root", str(root), "build", "-q", "--force", args.pack)
    try:
        command(*reportkit)  # draw the charts
        _own_html(root, args.pack, chain / "own.html")
        whole_chain()
        report(f"{args.pack}: reportkit (DOCX + PDF) against pandoc -> DOCX + pandoc -> HTML -> WeasyPrint",
               "reportkit build --force", "pandoc chain", paired(lambda: command(*reportkit), whole_chain,
                                                                 args.pairs), 1.0)
        report(f"{args.pack}: reportkit (DOCX + PDF) against the chain's PDF leg alone",
               "reportkit build --force", "pandoc -> HTML -> WeasyPrint", paired(lambda: command(*reportkit),
                                                                                 pdf_leg, args.pairs))
        report(f"{args.pack}: WeasyPrint alone on reportkit's own HTML (PDF/UA-1) against the whole chain",
               "weasyprint own.html (one process)", "pandoc chain", paired(own_html_alone, whole_chain, args.pairs))
        import pikepdf

        counts = []
        for pdf in (next((root / "build" / args.pack).glob("*.pdf")), chain / "all.pdf"):
            with pikepdf.open(pdf) as document:
                counts.append(len(document.pages))
        print(f"  pages: reportkit {counts[0]}, the chain {counts[1]}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
