"""Time `reportkit check` on a pack: in process (median of runs) and as a fresh command, imports included.

    python benchmarks/check_speed.py [PACK] [--repeat N]      (goal: under 2 s on the largest pack)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="self-assessment-2024-09")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reportkit", "--root", str(ROOT), "check", args.pack],
                   capture_output=True, check=False)
    command = time.perf_counter() - started

    from reportkit.check.engine import check_pack

    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        findings = check_pack(ROOT, args.pack)
        runs.append(time.perf_counter() - started)
    print(f"pack                      {args.pack} ({len(findings)} findings)")
    print(f"check, in process         {statistics.median(runs):.2f} s  (median of {args.repeat})")
    print(f"reportkit check command   {command:.2f} s  (goal: under 2 s)")


if __name__ == "__main__":
    main()
