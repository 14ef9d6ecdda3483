"""Content cannot run code or reach outside its pack: placeholders, Markdown, templates, PDF fetcher."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest

from reportkit.write.resources import Resources

from conftest import build


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_raw_html_and_template_syntax_print_as_text(mini_project: Path) -> None:
    report = mini_project / "content" / "mini" / "report.md"
    _append(report, "\n<script>alert(1)</script> and {% for x in y %}\n")
    assert build(mini_project, "mini") == 0
    out = mini_project / "build" / "mini"
    with pdfplumber.open(out / "report.pdf") as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "<script>alert(1)</script>" in text
    assert "{% for x in y %}" in text
    with zipfile.ZipFile(out / "report.docx") as package:
        document = package.read("word/document.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_fetcher_serves_only_the_named_roots(tmp_path: Path) -> None:
    from weasyprint.urls import FatalURLFetchingError

    from reportkit.write.pdf import _fetcher

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ok.txt").write_text("fine")
    (tmp_path / "secret.txt").write_text("no")
    fetcher = _fetcher(Resources({"pack": pack}))
    assert fetcher.fetch("file:///reportkit/pack/ok.txt").read() == b"fine"
    for url in ("file:///reportkit/pack/../secret.txt", f"file://{tmp_path}/secret.txt",
                "https://example.org/x.png", "file:///reportkit/other/ok.txt"):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)


def test_templates_are_sandboxed_and_strict() -> None:
    from jinja2.exceptions import SecurityError

    from reportkit.theme import load_theme
    from reportkit.write.html import environment

    repo = Path(__file__).resolve().parent.parent
    theme = load_theme(repo / "templates", "kent", (repo / "x", None))
    env = environment(theme, Resources({}).url)
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__ }}").render()
    from jinja2.exceptions import UndefinedError

    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()


def test_a_template_is_compiled_once_and_read_again_when_its_file_changes(mini_project: Path) -> None:
    """One environment serves every render in a process; a template edited, given an override by the
    council's theme, or swapped for a link between two renders is read again (and a link out of
    templates/ is still refused)."""
    import os

    from reportkit.build import pack_resources
    from reportkit.errors import ContentError
    from reportkit.papers import read_contents
    from reportkit.write.html import render_html

    contents = read_contents(mini_project, "mini")
    doc, theme = contents.documents[0], contents.pack.context.theme
    resources = pack_resources(mini_project, contents)
    first = render_html(doc, theme, resources)
    assert render_html(doc, theme, resources) == first
    template = mini_project / "templates" / "_base" / "document.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("<body>", "<body data-edited>"), encoding="utf-8")
    os.utime(template, ns=(1, 1))  # a different file state even within the clock's resolution
    assert "<body data-edited>" in render_html(doc, theme, resources)
    own = mini_project / "templates" / "kent" / "document.html.j2"  # the council's own, found before _base
    own.write_text(template.read_text(encoding="utf-8").replace("<body", "<body data-council"), encoding="utf-8")
    assert "<body data-council data-edited>" in render_html(doc, theme, resources)
    own.unlink()
    outside = mini_project / "elsewhere.j2"
    outside.write_text("{{ doc }}", encoding="utf-8")
    template.unlink()
    template.symlink_to(outside)
    with pytest.raises(ContentError, match="link to a file outside"):
        render_html(doc, theme, resources)
