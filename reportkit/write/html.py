"""The model as HTML + CSS for WeasyPrint, through sandboxed Jinja2 templates from the theme folder."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from ..model import Document
from ..theme import Theme
from .resources import Resources
from .templates import ThemeTemplates, missing_template

UNSAFE_IN_CSS_STRING = re.compile(r"[\\\"'<>\x00-\x1f\x7f-\x9f\u2028\u2029]")


def environment(theme: Theme, resource_url: Callable[[Path], str]) -> SandboxedEnvironment:
    """The sandboxed Jinja2 environment of the theme's templates, shared by the print and web HTML;
    ``resource_url`` says where a file the document uses (a chart, an image, a font) is found."""
    env = SandboxedEnvironment(
        loader=ThemeTemplates(theme),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")), undefined=StrictUndefined, trim_blocks=False,
        keep_trailing_newline=True)
    env.filters["kind"] = lambda obj: type(obj).__name__.lower()
    env.filters["css_string"] = css_string
    env.filters["resource_url"] = lambda path: resource_url(Path(path))
    env.filters["list_class"] = list_class
    env.globals["unknown_node"] = unknown_node
    return env


def unknown_node(node: object) -> str:
    """Called by the templates for a model node they have no branch for: stop rather than drop it."""
    raise TypeError(f"the HTML templates cannot write a {type(node).__name__}: add a branch for it to "
                    "templates/_base/blocks.html.j2")


LIST_COUNTERS = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}


def list_class(style: str) -> str:
    """The CSS counter style of an ordered list: "a)" -> "lower-alpha-paren", "(i)" -> "lower-roman-wrapped"."""
    counter = next(c for c in style if c.isalnum())
    ending = "-wrapped" if style.startswith("(") else "-paren" if style.endswith(")") else ""
    return LIST_COUNTERS[counter] + ending


def css_string(text: str) -> str:
    """A quoted CSS string that cannot close its rule or the <style> element around it: quotes, backslashes,
    angle brackets and every control or line-breaking character are written as CSS escapes."""
    escaped = UNSAFE_IN_CSS_STRING.sub(lambda match: f"\\{ord(match.group()):X} ", text)
    return f'"{escaped}"'


def footer_content(theme: Theme, wording: str = "") -> str:
    """The footer wording as a CSS content value with live page counters."""
    return " ".join(f"counter({piece[1:-1]})" if piece in ("{page}", "{pages}") else css_string(piece)
                    for piece in theme.footer_pieces(wording))


@dataclass(frozen=True)
class Pagination:
    """How a document's pages are numbered: from ``first``, or not at all (``None``: a bound pack's front
    sheet); ``footer`` is the footer's wording where it is not the theme's (a bound pack's)."""

    first: int | None = 1
    footer: str = ""


NUMBERED = Pagination()  # a paper on its own: pages numbered from 1, the theme's footer


_PRINT_ENVIRONMENTS: dict[tuple[object, ...], SandboxedEnvironment] = {}


def _print_environment(theme: Theme, resources: Resources) -> SandboxedEnvironment:
    """One environment per theme chain and set of files in a process, so its compiled templates are
    used again by every document it renders (compiling them took about 0.1 s a render)."""
    key = (*(theme.folders or (theme.folder,)), *resources.roots.items())
    if key not in _PRINT_ENVIRONMENTS:
        _PRINT_ENVIRONMENTS[key] = environment(theme, resources.url)
    return _PRINT_ENVIRONMENTS[key]


def render_html(doc: Document, theme: Theme, resources: Resources, pagination: Pagination = NUMBERED) -> str:
    env = _print_environment(theme, resources)
    spec = theme.spec
    fonts = {face: resources.url(path) for face, path in theme.font_faces.items()}
    try:
        css = env.get_template("style.css.j2").render(
            theme=spec, fonts=fonts, m=spec.page.margins_mm, classification=doc.meta.classification,
            footer=footer_content(theme, pagination.footer), first_page=pagination.first)
        from markupsafe import Markup

        return env.get_template("document.html.j2").render(doc=doc, theme=spec, css=Markup(css), web=False)
    except TemplateNotFound as error:
        raise missing_template(theme, error) from None
