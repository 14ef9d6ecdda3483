"""Property: whatever bytes a content, data or theme file holds, the build and the check end with
exit 0 or 2 and never a traceback. Example counts are kept small for CI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit.cli import main

from conftest import FIXTURES, make_project

FILES = ("content/mini/report.md", "content/mini/appendix.md", "content/mini/pack.yaml",
         "content/mini/data/waits.csv", "content/mini/data/plan.csv", "content/mini/data/figures.yaml",
         "templates/kent/theme.yaml")
SETTINGS = settings(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def examples(count: int) -> settings:
    return settings(SETTINGS, max_examples=count)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("any-bytes") / "project", {"mini": FIXTURES / "mini"})


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """The file with a slice replaced by arbitrary bytes or text: near-valid input reaches deeper."""
    start = draw(st.integers(0, len(original)))
    end = draw(st.integers(start, min(len(original), start + 40)))
    middle = draw(st.binary(max_size=24) | st.text(max_size=24).map(lambda t: t.encode("utf-8", "surrogatepass")))
    return original[:start] + middle + original[end:]


def _run(project: Path, relative: str, content: bytes, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / relative
    original = path.read_bytes()
    try:
        path.write_bytes(content)
        code = main(["--root", str(project), command, "mini", *(["--force"] if command == "build" else [])])
    finally:
        path.write_bytes(original)
    captured = capsys.readouterr()
    assert code in (0, 2), captured.err
    assert "Traceback" not in captured.err + captured.out
    if code == 2 and command == "build":
        assert len(captured.err.strip().splitlines()) >= 1 and captured.err.startswith(("error: ", "content/",
                                                                                      "templates/"))


@examples(60)
@given(relative=st.sampled_from(FILES), content=st.binary(max_size=600))
def test_any_bytes_check_exits_0_or_2(project: Path, relative: str, content: bytes,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    _run(project, relative, content, "check", capsys)


@examples(40)
@given(data=st.data(), relative=st.sampled_from(FILES))
def test_mutated_file_builds_or_exits_2(project: Path, data: st.DataObject, relative: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    content = data.draw(mutated((project / relative).read_bytes()))
    _run(project, relative, content, "build", capsys)
