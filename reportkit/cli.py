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
            _build(root_dir, pack, args.force, args.jobs, args.quiet)
        return 0
    except ContentError as error:
        print(f"error: {error.located(root_dir)}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # the file system refused something the checks above did not foresee
        where = Path(error.filename) if error.filename else root_dir
        print(f"error: {ContentError(where, None, error.strerror or str(error), 'check the file').located(root_dir)}",
              file=sys.stderr)
        return EXIT_CONTENT_ERROR
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
    from .confine import named_folder
    from .manifest import up_to_date

    started = time.perf_counter()
    named_folder(root / "content", pack, "pack", (root / "content" / pack, None))  # a plain name, before any read
    if not force and up_to_date(root, pack):
        from .publish import Layout, clean, pack_lock

        layout = Layout(root / "build", pack)
        with pack_lock(layout):  # what a killed build left goes, as it would before a build
            clean(layout)
        if not quiet:
            print(f"{pack} is up to date: its content, theme, code and tools are unchanged since the last build")
        return
    from .build import build
    from .render.progress import Progress

    result = build(root, pack, force, workers, Progress(quiet))
    if not quiet:
        for path in result.outputs:
            print(f"wrote {path.relative_to(root)} ({path.stat().st_size:,} bytes)")
    if result.restricted and not quiet:  # counted, not named: a log may be seen by anyone, and names can be exempt
        print(f"wrote {len(result.restricted)} restricted files to build/restricted/{pack}/: not for publication")
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
