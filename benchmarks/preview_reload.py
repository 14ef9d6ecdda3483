"""Time a one-paragraph edit reaching the browser through ``reportkit preview``. Goal: under 2 s.

A copy of the pack is previewed in a subprocess and opened in headless Chromium (Debian's chromium
and chromium-driver); each round appends a sentence to one paragraph of the first document and
times from the file's write to the new sentence showing in the page. The chart cache is warm after
the preview's first build, as it is for an author. For a meeting pack the first paper is edited.

    python benchmarks/preview_reload.py [PACK] [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402

from reportkit.manifest import included_packs  # noqa: E402

GOAL_SECONDS = 2.0


def first_paragraph_line(document: Path) -> str:
    """A plain prose line of the document body (no value cited in it, so it renders as written)."""
    body = document.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return next(line for line in body.splitlines()
                if re.match(r"[A-Z][a-z]", line) and len(line) > 60 and "{{" not in line and "|" not in line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pack", nargs="?", default="cabinet-2026-07")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    project = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    shutil.copytree(ROOT / "templates", project / "templates")
    for name in {args.pack, *included_packs(yaml.safe_load((ROOT / "content" / args.pack / "pack.yaml").read_text()))}:
        shutil.copytree(ROOT / "content" / name, project / "content" / name)
    pack_yaml = yaml.safe_load((project / "content" / args.pack / "pack.yaml").read_text(encoding="utf-8"))
    papers = pack_yaml.get("documents") or [paper for item in pack_yaml["meeting"]["items"]
                                            for paper in item.get("papers", []) if isinstance(paper, str)]
    document = project / "content" / args.pack / papers[0]
    line = first_paragraph_line(document)

    process = subprocess.Popen([sys.executable, "-m", "reportkit", "--root", str(project), "preview", args.pack],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    url = next(m.group(1) for m in (re.search(r"at (http://\S+/)", out) for out in process.stdout) if m)
    seconds = []
    try:
        with chromium() as driver:
            driver.get(url + document.with_suffix(".html").name)
            for round_number in range(1, args.repeat + 1):
                marker = f"Edited in round {round_number}."
                text = document.read_text(encoding="utf-8")
                started = time.perf_counter()
                document.write_text(text.replace(line, f"{line} {marker}", 1), encoding="utf-8")
                while marker not in driver.execute_script("return document.body.innerText"):
                    time.sleep(0.01)
                seconds.append(time.perf_counter() - started)
                line = f"{line} {marker}"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        shutil.rmtree(project, ignore_errors=True)
    print(f"{args.pack}: a one-paragraph edit reached the page in {statistics.median(seconds):.2f} s "
          f"(median of {len(seconds)}; slowest {max(seconds):.2f} s; goal under {GOAL_SECONDS:.0f} s)")


if __name__ == "__main__":
    main()
