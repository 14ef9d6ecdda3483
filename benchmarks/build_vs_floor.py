"""A full build of a pack against its floor, pair by pair, in CPU and wall seconds.

The floor is the work no build can avoid: WeasyPrint rendering each document's final HTML to PDF
(every paper, and each piece of a meeting's bound packs: every item's papers and the front sheet),
plus python-docx saving each Word document. The build
adds reading, validation, charts (cached), templating, the page-number passes, the manifest and
the atomic publish. Goal: build within 1.3 times the floor. Both run in this process, on one core
(``workers=1``), with the render cache not read (``force``).

    python benchmarks/build_vs_floor.py [PACK] [--pairs N]
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paired import ROOT, paired, report, timed

from reportkit.bind import agenda_document, bound_pack
from reportkit.build import build, pack_resources
from reportkit.model import Document
from reportkit.papers import read_contents
from reportkit.render.binding import Piece, lay_out, page_count
from reportkit.theme import Theme
from reportkit.write.docx import DocxWriter
from reportkit.write.html import Pagination, render_html
from reportkit.write.pdf import _add_header_scope, _fetcher, write_pdf
from reportkit.write.resources import PREFIX, Resources


def _pieces(pack: Document, theme: Theme, resources: Resources, scratch: Path) -> tuple[list[str], dict[str, int]]:
    """The final HTML of each piece of a bound pack, laid out once to learn where each piece starts."""
    html: list[str] = []

    def render(doc: Document, pagination: Pagination) -> Piece:
        target = scratch / f"piece-{len(html)}.pdf"
        html.append(render_html(doc, theme, resources, pagination))
        pages = write_pdf(doc, theme, resources, target, pagination)
        return Piece(target, pages, page_count(target))

    return html, lay_out(pack, theme.spec.meeting, render).printed


def floor(pack_name: str, scratch: Path) -> Callable[[], None]:
    """The floor's renders and saves, with everything they need prepared beforehand (not timed)."""
    from weasyprint import HTML

    contents = read_contents(ROOT, pack_name)
    theme = contents.pack.context.theme
    resources = pack_resources(ROOT, contents)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    html = [render_html(doc, theme, resources) for doc in contents.documents]
    words: list[tuple[Document, dict[str, int]]] = [(doc, {}) for doc in contents.documents]
    meeting = contents.pack.meeting
    if meeting is not None:
        restricted_too = any(entry.item.exempt for entry in contents.items)
        for restricted in (False, True)[:1 + restricted_too]:
            pieces, printed = _pieces(bound_pack(meeting, contents.items, theme, restricted), theme, resources,
                                      scratch)
            html += pieces
            words.append((agenda_document(meeting, contents.items, theme, restricted), printed))
    writers: list[Any] = []
    for doc, page_numbers in words:
        writer = DocxWriter(theme, page_numbers)
        writer.write(doc, scratch / "floor.docx", when)  # fill the document; only the save is floor
        writers.append(writer)

    def run() -> None:
        for text in html:
            HTML(string=text, base_url=f"{PREFIX}pack/", url_fetcher=_fetcher(resources)).write_pdf(
                io.BytesIO(), pdf_variant="pdf/ua-1", finisher=_add_header_scope, pdf_identifier=True)
        for writer in writers:
            writer.docx.save(io.BytesIO())

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2026-07")
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()

    scratch = ROOT / "build" / ".benchmark"
    scratch.mkdir(parents=True, exist_ok=True)
    cold = timed(lambda: build(ROOT, args.pack, force=True, workers=1))  # imports, charts
    unchanged = timed(lambda: build(ROOT, args.pack))
    floor_run = floor(args.pack, scratch)
    results = paired(lambda: build(ROOT, args.pack, force=True, workers=1), floor_run, args.pairs)
    report(f"{args.pack}: build (charts cached, one worker) against its floor", "build --force -j 1",
           "floor (WeasyPrint renders + DOCX saves)", results, 1.3)
    print(f"  first build in this process (imports, charts): CPU {cold.cpu:.2f} s, wall {cold.wall:.2f} s; "
          f"rebuild with nothing changed: CPU {unchanged.cpu:.3f} s (in process; see startup.py for the command)")


if __name__ == "__main__":
    main()
