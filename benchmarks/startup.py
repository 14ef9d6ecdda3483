"""Start-up as commands: ``reportkit --help`` against a bare Python start (target: under 3x), and a
rebuild with nothing changed against a cold build of the same pack (target: under 5%).

    python benchmarks/startup.py [PACK] [--pairs N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

from paired import command, paired, report, scratch_project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2025-11")
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()

    def bare() -> None:
        subprocess.run([sys.executable, "-c", "pass"], check=True)

    results = paired(lambda: command("--help"), bare, args.pairs)
    report("reportkit --help against a bare Python start", "reportkit --help", "python -c pass", results, 3.0)

    root = scratch_project((args.pack, "market-position-2025"))
    build = ("--root", str(root), "build", "-q", args.pack)
    try:
        command(*build)
        results = paired(lambda: command(*build), lambda: command(*build[:-1], "--force", args.pack),
                         max(3, args.pairs // 3))
        report(f"{args.pack}: rebuild with nothing changed against a cold build", "nothing changed",
               "cold build (--force)", results, 0.05)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
