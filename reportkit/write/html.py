"""The model as HTML + CSS for WeasyPrint, through sandboxed Jinja2 templates from the theme folder."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..model import Document
from ..theme import Theme
from .resources import Resources


def _environment(theme: Theme, resources: Resources) -> SandboxedEnvironment:
    base = theme.folder.parent / "_base"
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(theme.folder)), FileSystemLoader(str(base))]),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")), undefined=StrictUndefined, trim_blocks=False, keep_trailing_newline=True)
    env.filters["kind"] = lambda obj: type(obj).__name__.lower()
    env.filters["css_string"] = css_string
    env.filters["resource_url"] = lambda path: resources.url(Path(path))
    return env


def css_string(text: str) -> str:
    """A quoted CSS string that cannot close its rule or the <style> element around it."""
    escaped = text.replace("\\", "\\5C ").replace('"', "\\22 ").replace("<", "\\3C ").replace("\n", " ")
    return f'"{escaped}"'


def footer_content(theme: Theme) -> str:
    """The footer wording as a CSS content value with live page counters."""
    return " ".join(f"counter({piece[1:-1]})" if piece in ("{page}", "{pages}") else css_string(piece)
                    for piece in theme.footer_pieces())


def render_html(doc: Document, theme: Theme, resources: Resources) -> str:
    env = _environment(theme, resources)
    spec = theme.spec
    fonts = {face: resources.url(path) for face, path in theme.font_faces.items()}
    css = env.get_template("style.css.j2").render(
        theme=spec, fonts=fonts, m=spec.page.margins_mm, classification=doc.meta.classification,
        footer=footer_content(theme))
    from markupsafe import Markup

    return env.get_template("document.html.j2").render(doc=doc, theme=spec, css=Markup(css))
