"""The command line loads only what a command needs: ``--help``, ``check`` and a build with nothing
to do never import the renderers or the chart library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, build, make_project

RENDERERS = ("weasyprint", "matplotlib", "docx", "reportkit.write.pdf", "reportkit.write.docx", "reportkit.write.html")
BUILDING = (*RENDERERS, "reportkit.build", "reportkit.check", "reportkit.render", "reportkit.pack")

_PROBE = """
import json, sys
from reportkit.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def _loaded(heavy: tuple[str, ...], root: Path, *args: str) -> tuple[set[str], str]:
    run = subprocess.run([sys.executable, "-c", _PROBE, "--root", str(root), *args], capture_output=True,
                         text=True, check=True)
    modules = set(json.loads(run.stderr.strip().splitlines()[-1]))
    return {name for name in modules if name.startswith(heavy)}, run.stdout


def test_help_and_check_load_no_renderer(mini_project: Path) -> None:
    heavy, out = _loaded(BUILDING, mini_project, "--help")
    assert "build" in out and heavy == set()
    heavy, out = _loaded(RENDERERS, mini_project, "check", "mini")
    assert "mini: 0 errors" in out and heavy == set()


def test_a_build_with_nothing_to_do_loads_no_renderer(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})
    assert build(root, "mini") == 0
    heavy, out = _loaded(BUILDING, root, "build", "mini")
    assert "mini is up to date" in out and heavy == set()
