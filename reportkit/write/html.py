"""The model as HTML + CSS for WeasyPrint, through sandboxed Jinja2 templates from the theme folder."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..model import Document
from ..theme import Theme, split_fields
from .levels import callout_levels
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


def footer_content(theme: Theme, wording: str = "") -> str:
    """The footer wording as a CSS content value with live page counters."""
    return " ".join(f"counter({piece[1:-1]})" if piece in ("{page}", "{pages}") else css_string(piece)
                    for piece in theme.footer_pieces(wording))


def page_range_content(theme: Theme, estimate: bool = False) -> str:
    """'(Pages {start} - {end})' as a CSS content value: the pages where two anchors landed, or
    three-digit stand-ins (``estimate``) when the pages are not in the document being laid out."""
    fields = {"{start}": "target-counter(attr(data-start url), page)",
              "{end}": "target-counter(attr(data-end url), page)"}
    if estimate:
        fields = {"{start}": '"888"', "{end}": '"888"'}
    return " ".join(fields.get(piece, css_string(piece))
                    for piece in split_fields(theme.spec.meeting.pages, ("start", "end")))


def render_html(doc: Document, theme: Theme, resources: Resources, front_pages: int = 0,
                estimate_ranges: bool = False) -> str:
    """``front_pages`` leading pages (a front sheet and the blank page after it) are not numbered or counted;
    ``estimate_ranges`` lays out a front sheet on its own, before the pages it points at exist."""
    env = _environment(theme, resources)
    spec = theme.spec
    fonts = {face: resources.url(path) for face, path in theme.font_faces.items()}
    bound = any(part.unnumbered for part in doc.parts)
    css = env.get_template("style.css.j2").render(
        theme=spec, fonts=fonts, m=spec.page.margins_mm, classification=doc.meta.classification,
        footer=footer_content(theme, spec.meeting.footer if bound else ""), page_range=page_range_content(theme, estimate_ranges),
        front_pages=front_pages)
    from markupsafe import Markup

    levels = callout_levels(doc)
    return env.get_template("document.html.j2").render(doc=doc, theme=spec, css=Markup(css),
                                                       callout_level=lambda callout: levels[id(callout)])
