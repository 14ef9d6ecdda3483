"""Command line: ``reportkit build PACK [PACK ...]`` (also ``python build.py PACK ...``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .check.engine import ChecksFailed
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
    check_cmd = commands.add_parser("check", help="check a pack without building it; exit 2 on errors")
    check_cmd.add_argument("pack")
    check_cmd.add_argument("--json", action="store_true", help="print the findings as JSON (for CI)")
    check_cmd.add_argument("--sentence-words", type=int, default=25, metavar="N",
                           help="the longest sentence before a warning (GOV.UK suggests 25)")
    new_cmd = commands.add_parser("new", help="start a house style or a pack from a commented example")
    kinds = new_cmd.add_subparsers(dest="kind", required=True)
    new_theme_cmd = kinds.add_parser("theme", help="templates/NAME/theme.yaml, extending another theme")
    new_theme_cmd.add_argument("name")
    new_theme_cmd.add_argument("--extends", default="kent", help="the theme to start from (default: kent)")
    new_pack_cmd = kinds.add_parser("pack", help="content/NAME/ with one report that builds at once")
    new_pack_cmd.add_argument("name")
    new_pack_cmd.add_argument("--type", default="committee-report", choices=["committee-report"])
    new_pack_cmd.add_argument("--theme", default="kent", help="the house style to build it in (default: kent)")
    preview_cmd = commands.add_parser("preview", help="serve a pack's web edition here, rebuilt and reloaded on "
                                      "every edit; Ctrl-C stops")
    preview_cmd.add_argument("pack")
    preview_cmd.add_argument("--port", type=int, default=0, help="the port to listen on (default: a free one)")
    preview_cmd.add_argument("--host", default="127.0.0.1",
                             help="the address to listen on (default 127.0.0.1: this machine only)")
    args = parser.parse_args(argv)
    root_dir: Path = args.root.resolve()
    if args.command == "check":
        return _check(root_dir, args.pack, args.json, args.sentence_words)
    if args.command == "preview":
        from .preview import preview

        return preview(root_dir, args.pack, args.host, args.port)
    try:
        if args.command == "new":
            return _new(root_dir, args)
        for pack in args.packs:
            _build(root_dir, pack, args.force)
        return 0
    except ContentError as error:
        print(f"error: {error.located(root_dir)}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except ChecksFailed as failed:
        for finding in failed.findings:
            print(finding.located(root_dir), file=sys.stderr)
        print("nothing was published: fix the errors above (reportkit check PACK lists every finding)",
              file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except OSError as error:  # the file system refused something the checks above did not foresee
        where = Path(error.filename) if error.filename else root_dir
        print(f"error: {ContentError(where, None, error.strerror or str(error), 'check the file').located(root_dir)}",
              file=sys.stderr)
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
    if result.restricted:  # counted, not named: a log may be seen by anyone, and names can be exempt
        print(f"wrote {len(result.restricted)} restricted files to build/restricted/{pack}/: not for publication")
    plain = [w for w in result.warnings if w.rule.startswith("plain/")]
    for warning in result.warnings:
        if warning not in plain:
            print(warning.located(root), file=sys.stderr)
    if plain:
        print(f"{len(plain)} plain-English warnings (long sentences): reportkit check {pack} lists them",
              file=sys.stderr)
    print(f"built {pack} in {time.perf_counter() - started:.1f} s")


def _new(root: Path, args: argparse.Namespace) -> int:
    from datetime import date

    from .scaffold import new_pack, new_theme

    if args.kind == "theme":
        folder = new_theme(root, args.name, args.extends)
        print(f"wrote {folder.relative_to(root)}/theme.yaml: set what differs from '{args.extends}'")
    else:
        folder = new_pack(root, args.name, args.theme, date.today())
        print(f"wrote {folder.relative_to(root)}/: build it with: python build.py {args.name}")
    return 0


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
