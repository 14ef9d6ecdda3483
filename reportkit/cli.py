"""Command line: ``reportkit build PACK [PACK ...]`` (also ``python build.py PACK ...``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import ContentError

EXIT_CONTENT_ERROR = 2


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reportkit", description="Build council reports as Word and PDF.")
    parser.add_argument("--root", type=Path, default=root or Path.cwd(),
                        help="project folder holding content/ and templates/ (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build packs into build/PACK/, one after another")
    build_cmd.add_argument("packs", nargs="+", metavar="pack",
                           help="a pack's folder name under content/, e.g. cabinet-2026-07")
    build_cmd.add_argument("--force", action="store_true", help="rebuild even when the outputs are up to date")
    args = parser.parse_args(argv)
    root_dir: Path = args.root.resolve()
    try:
        for pack in args.packs:
            _build(root_dir, pack, args.force)
        return 0
    except ContentError as error:
        print(f"error: {error.located(root_dir)}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except KeyboardInterrupt:
        return 130


def _build(root: Path, pack: str, force: bool) -> None:
    from .build import build

    started = time.perf_counter()
    result = build(root, pack, force)
    if result.up_to_date:
        print(f"{pack} is up to date: its content, theme, code and tools are unchanged since the last build")
        return
    for path in result.outputs:
        print(f"wrote {path.relative_to(root)} ({path.stat().st_size:,} bytes)")
    print(f"built {pack} in {time.perf_counter() - started:.1f} s")
