"""Command line: ``reportkit build PACK [PACK ...]`` (also ``python build.py PACK ...``).

Only what a command needs is imported, when it needs it: ``--help`` and a build with nothing to do
never load the renderers, the chart library or the checks.
"""

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
    build_cmd.add_argument("--force", action="store_true",
                           help="rebuild even when the outputs are up to date, rendering every document again")
    build_cmd.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N",
                           help="render in N processes (default: one per CPU)")
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print nothing but warnings and errors")
    check_cmd = commands.add_parser("check", help="check a pack without building it; exit 2 on errors")
    check_cmd.add_argument("pack")
    check_cmd.add_argument("--json", action="store_true", help="print the findings as JSON (for CI)")
    check_cmd.add_argument("--sentence-words", type=int, default=25, metavar="N",
                           help="the longest sentence before a warning (GOV.UK suggests 25)")
    args = parser.parse_args(argv)
    root_dir: Path = args.root.resolve()
    if args.command == "check":
        return _check(root_dir, args.pack, args.json, args.sentence_words)
    try:
        for pack in args.packs:
            _build(root_dir, pack, args.force, args.jobs, args.quiet)
        return 0
    except ContentError as error:
        print(f"error: {error.located(root_dir)}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        from .check.engine import ChecksFailed  # loaded only when a build has failed its checks

        if not isinstance(error, ChecksFailed):
            raise
        for finding in error.findings:
            print(finding.located(root_dir), file=sys.stderr)
        print("nothing was published: fix the errors above (reportkit check PACK lists every finding)",
              file=sys.stderr)
        return EXIT_CONTENT_ERROR


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes (1 or more)")
    return int(text)


def _build(root: Path, pack: str, force: bool, workers: int | None, quiet: bool) -> None:
    from .manifest import up_to_date

    started = time.perf_counter()
    if not force and up_to_date(root, pack):
        if not quiet:
            print(f"{pack} is up to date: its content, theme, code and tools are unchanged since the last build")
        return
    from .build import build
    from .render.progress import Progress

    result = build(root, pack, force, workers, Progress(quiet))
    if not quiet:
        for path in result.outputs:
            print(f"wrote {path.relative_to(root)} ({path.stat().st_size:,} bytes)")
    plain = [w for w in result.warnings if w.rule.startswith("plain/")]
    for warning in result.warnings:
        if warning not in plain:
            print(warning.located(root), file=sys.stderr)
    if plain:
        print(f"{len(plain)} plain-English warnings (long sentences): reportkit check {pack} lists them",
              file=sys.stderr)
    if not quiet and result.renders is not None:
        renders = result.renders
        total = len(renders.rendered) + len(renders.cached)
        print(f"built {pack} in {time.perf_counter() - started:.1f} s: {len(renders.rendered)} of {total} documents "
              f"rendered, {len(renders.cached)} from the cache, {renders.workers} worker"
              f"{'s' if renders.workers != 1 else ''}")


def _check(root: Path, pack: str, as_json: bool, sentence_words: int) -> int:
    import json

    from .check.engine import check_pack, summary

    findings = check_pack(root, pack, sentence_words)
    if as_json:
        print(json.dumps([f.as_json(root) for f in findings], indent=2))
    else:
        for finding in findings:
            print(finding.located(root))
        print(f"{pack}: {summary(findings)}")
    return EXIT_CONTENT_ERROR if any(f.severity == "error" for f in findings) else 0
