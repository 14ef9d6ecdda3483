"""Time drawing every KPI chart of a pack's dashboards: cold (empty chart cache) and from the cache.

    python benchmarks/kpi_charts.py [PACK] [--repeat N]

Cold includes matplotlib drawing and PNG encoding of each chart; cached is the lookup of the
same charts by their hash (data, style, chart code, matplotlib version), which is what a rebuild pays.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportkit.doctypes.kpi_dashboard import kpi_chart  # noqa: E402
from reportkit.pack import open_pack  # noqa: E402
from reportkit.resolve.charts import chart_style, render_chart  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2025-11")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        pack = open_pack(ROOT, args.pack)
        charts = [kpi_chart(result) for dashboard in pack.context.dashboards.values()
                  for result in dashboard.results.values()]
        style = chart_style(pack.context.theme)
        cold, cached = [], []
        for run in range(args.repeat):
            cache = Path(scratch) / f"cache-{run}"
            started = time.perf_counter()
            for chart in charts:
                render_chart(chart, style, cache)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            for chart in charts:
                render_chart(chart, style, cache)
            cached.append(time.perf_counter() - started)
    print(f"{len(charts)} KPI charts of {args.pack}, median of {args.repeat} runs:")
    print(f"  cold (drawn):     {statistics.median(cold):.2f} s  "
          f"({statistics.median(cold) / len(charts) * 1000:.0f} ms a chart)")
    print(f"  from the cache:   {statistics.median(cached) * 1000:.1f} ms  "
          f"({statistics.median(cached) / len(charts) * 1e6:.0f} µs a chart)")


if __name__ == "__main__":
    main()
