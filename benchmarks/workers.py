"""A cold build with two worker processes against one, as commands. Target: 0.6 of the wall time or less.

    python benchmarks/workers.py [PACK] [--pairs N]
"""

from __future__ import annotations

import argparse
import shutil

from paired import command, paired, report, scratch_project

from reportkit.manifest import included_packs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2025-11")
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()

    import yaml
    from paired import ROOT

    spec = yaml.safe_load((ROOT / "content" / args.pack / "pack.yaml").read_text(encoding="utf-8"))
    root = scratch_project((args.pack, *included_packs(spec)))
    try:
        command("--root", str(root), "build", "-q", args.pack)  # draw the charts once
        results = paired(lambda: command("--root", str(root), "build", "-q", "--force", "-j", "2", args.pack),
                         lambda: command("--root", str(root), "build", "-q", "--force", "-j", "1", args.pack),
                         args.pairs)
        report(f"{args.pack}: cold build, 2 workers against 1", "-j 2", "-j 1", results, 0.6)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
