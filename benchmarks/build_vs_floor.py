"""Time a full build of a pack against its floor, and print the ratio.

The floor is the work no build can avoid: WeasyPrint rendering the same final HTML to PDF, plus
python-docx saving the same Word document. The build adds reading, validation, charts (cached),
templating, the manifest and the atomic publish. Goal: build within 1.3 times the floor. A rebuild
with nothing changed only hashes the inputs against the last manifest. Goal: under 5% of a cold build.

    python benchmarks/build_vs_floor.py [PACK] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportkit.build import build  # noqa: E402
from reportkit.papers import chart_cache, read_pack  # noqa: E402
from reportkit.write.docx import DocxWriter  # noqa: E402
from reportkit.write.html import render_html  # noqa: E402
from reportkit.write.pdf import _add_header_scope, _fetcher  # noqa: E402
from reportkit.write.resources import PREFIX, Resources  # noqa: E402


def timed(action) -> float:
    """Seconds that ``action()`` takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def floor_seconds(pack_name: str) -> float:
    from weasyprint import HTML

    pack, documents = read_pack(ROOT, pack_name)
    theme = pack.context.theme
    resources = Resources({"pack": pack.folder, "theme": theme.folder, "charts": chart_cache(ROOT)})
    total = 0.0
    for doc in documents:
        html = render_html(doc, theme, resources)
        total += timed(lambda: HTML(string=html, base_url=f"{PREFIX}pack/", url_fetcher=_fetcher(resources))
                        .write_pdf(io.BytesIO(), pdf_variant="pdf/ua-1", finisher=_add_header_scope,
                                   pdf_identifier=True))
        writer = DocxWriter(theme)
        from datetime import datetime, timezone

        writer.write(doc, Path(os.devnull), datetime(2026, 1, 1, tzinfo=timezone.utc))  # fill the document
        total += timed(lambda: writer.docx.save(io.BytesIO()))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2026-07")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    shutil.rmtree(ROOT / "build" / ".cache" / "charts", ignore_errors=True)
    cold = timed(lambda: build(ROOT, args.pack, force=True))  # includes importing WeasyPrint and matplotlib
    warm = statistics.median(timed(lambda: build(ROOT, args.pack, force=True)) for _ in range(args.repeat))
    unchanged = statistics.median(timed(lambda: build(ROOT, args.pack)) for _ in range(args.repeat))
    floor = statistics.median(floor_seconds(args.pack) for _ in range(args.repeat))
    print(f"pack                         {args.pack}")
    print(f"cold build (imports, charts) {cold:6.2f} s")
    print(f"build, charts cached         {warm:6.2f} s  (median of {args.repeat})")
    print(f"floor (WeasyPrint + save)    {floor:6.2f} s  (median of {args.repeat})")
    print(f"ratio build / floor          {warm / floor:6.2f}  (goal: 1.30 or less)")
    print(f"rebuild, nothing changed     {unchanged:6.3f} s  = {unchanged / cold:.1%} of the cold build "
          f"(goal: under 5%)")


if __name__ == "__main__":
    main()
