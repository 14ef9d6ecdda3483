"""The model as pages of the web edition: one HTML page per document, and its stylesheets, from the theme.

The pages use the same block templates as the print HTML (templates/_base/blocks.html.j2); only the
page around them, the stylesheets and a few web-only touches differ: paragraph and caption numbers
are links, wide tables scroll in their own box, and each chart has its data as a table beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import Document
from ..theme import Theme
from ..walk import nodes_of
from .html import css_string, environment

CSS_PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class PaperLink:
    """A paper an agenda item stands for, as the agenda page links to it."""

    title: str
    href: str


@dataclass(frozen=True)
class SiteLinks:
    """The pages every page of an edition links to: the index, and a meeting's agenda."""

    index_title: str
    index_href: str = "index.html"
    agenda_href: str = ""


class PageIds:
    """Ids for the paragraph numbers and captions a page links to, unique beside the model's anchors."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)

    def paragraph(self, number: str) -> str:
        return self._take("para-" + _slug(number))

    def caption(self, label: str) -> str:
        """An id for a caption without a cross-reference label of its own, from "Table 3"."""
        return self._take(_slug(label) if label else "caption")

    def _take(self, base: str) -> str:
        candidate, count = base, 1
        while candidate in self.taken:
            count += 1
            candidate = f"{base}-{count}"
        self.taken.add(candidate)
        return candidate


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "n"


def anchors(doc: Document) -> set[str]:
    """Every anchor the model sets anywhere in ``doc`` (headings, paragraphs, captions, covers, parts)."""
    return {node.anchor for node in nodes_of(doc, object) if isinstance(getattr(node, "anchor", None), str)
            and node.anchor}


class PageWriter:
    """Renders the pages of one edition; ``asset_url`` gives the relative address of a file a page shows.

    The templates are compiled once per edition, not once per page."""

    def __init__(self, theme: Theme, asset_url: Callable[[Path], str]) -> None:
        self.theme = theme
        self.env = environment(theme, asset_url)
        self.env.filters["px"] = lambda mm: round(mm * CSS_PX_PER_MM)
        self.template = self.env.get_template("page.html.j2")

    def render(self, doc: Document, site: SiteLinks, item_papers: Mapping[str, tuple[PaperLink, ...]] | None = None,
               current: str = "") -> str:
        """``doc`` as a web page; ``item_papers`` are the papers behind each page range of an agenda
        (keyed by the range's start anchor)."""
        papers = dict(item_papers or {})

        def papers_of(start: str) -> tuple[PaperLink, ...]:
            if start not in papers:
                raise KeyError(f"the web edition has no papers for the page range starting at '{start}'")
            return papers[start]

        spec = self.theme.spec
        return self.template.render(doc=doc, theme=spec, wording=spec.web, web=True, site=site, current=current,
                                    page_ids=PageIds(anchors(doc)), papers_of=papers_of)


def render_styles(theme: Theme, font_urls: Mapping[str, str]) -> dict[str, str]:
    """The web edition's screen and print stylesheets, derived from the theme."""
    env = environment(theme, lambda path: "")
    values = {"theme": theme.spec, "fonts": {face: css_string(url) for face, url in font_urls.items()}}
    return {"style.css": env.get_template("web.css.j2").render(**values),
            "print.css": env.get_template("web-print.css.j2").render(**values)}
