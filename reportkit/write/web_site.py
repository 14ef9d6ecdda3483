"""A web edition's folder: one page per paper, an index page, a meeting's agenda page, and the assets.

Every address is relative and every asset sits under assets/, so the folder works copied to any web
server, or opened from disk. The files are returned as bytes by name, so a build writes them all and
the preview rewrites only those that changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from ..errors import ContentError
from ..model import Document, Heading, Link, ListBlock, Metadata, Paragraph, Part, Text
from ..theme import Theme
from .resources import PREFIX, Resources
from .web import PageWriter, PaperLink, SiteLinks, render_styles

INDEX, AGENDA = "index", "agenda"


@dataclass(frozen=True)
class Edition:
    """What one web edition holds: the papers, and for a meeting the agenda and each item's papers."""

    title: str
    classification: str
    papers: tuple[Document, ...]
    source: Path  # the pack.yaml that lists the papers, for errors
    agenda: Document | None = None
    item_papers: Mapping[str, tuple[Document, ...]] = field(default_factory=dict)  # page range start -> papers


class Assets:
    """The files the pages show, each copied under assets/ at the name of its virtual root."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.files: dict[str, Path] = {}
        self.used: set[str] = set()  # by the page being rendered

    def url(self, path: Path) -> str:
        name = "assets/" + self.resources.url(path).removeprefix(PREFIX)
        self.files[name] = path
        self.used.add(name)
        return quote(name)

    def add(self, names: tuple[str, ...]) -> None:
        """The files a page from the store shows, by the names its render gave them."""
        for name in names:
            path = self.resources.path(PREFIX + name.removeprefix("assets/"))
            if path is None:
                raise ValueError(f"a stored web page shows '{name}', which is no longer there")
            self.files[name] = path


@dataclass(frozen=True)
class Page:
    """One page of an edition: everything its HTML is made from (with the theme and the toolkit)."""

    doc: Document
    site: SiteLinks
    links: tuple[tuple[str, tuple[PaperLink, ...]], ...] = ()  # an agenda's papers by page range start
    current: str = ""


class PageStore(Protocol):
    """Where rendered pages are kept between builds (the render cache), by all that makes them."""

    def get(self, page: Page) -> tuple[str, tuple[str, ...]] | None:
        """The page's HTML and the asset names it shows, if stored."""

    def put(self, page: Page, html: str, assets: tuple[str, ...]) -> None: ...


def edition_files(edition: Edition, theme: Theme, resources: Resources,
                  store: PageStore | None = None) -> dict[str, bytes]:
    """Every file of the edition's folder: relative name -> bytes; pages in ``store`` are not rendered again."""
    _check_names(edition)
    assets = Assets(resources)
    site = SiteLinks(edition.title, agenda_href=f"{AGENDA}.html" if edition.agenda else "")
    wanted = {f"{paper.slug}.html": Page(paper, site) for paper in edition.papers}
    if edition.agenda is not None:
        links = tuple((start, tuple(PaperLink(p.meta.title, f"{p.slug}.html") for p in papers))
                      for start, papers in edition.item_papers.items())
        wanted[f"{AGENDA}.html"] = Page(edition.agenda, site, links, AGENDA)
    wanted[f"{INDEX}.html"] = Page(index_document(edition, theme), site, current=INDEX)
    writer: PageWriter | None = None  # made on the first page not in the store: it compiles the templates
    pages: dict[str, str] = {}
    for name, page in wanted.items():
        stored = store.get(page) if store is not None else None
        if stored is not None:
            pages[name] = stored[0]
            assets.add(stored[1])
            continue
        writer = writer or PageWriter(theme, assets.url)
        assets.used = set()
        pages[name] = writer.render(page.doc, page.site, dict(page.links), page.current)
        if store is not None:
            store.put(page, pages[name], tuple(sorted(assets.used)))
    fonts = {face: assets.url(path).removeprefix("assets/") for face, path in theme.font_faces.items()}
    styles = {f"assets/{name}": css for name, css in render_styles(theme, fonts).items()}
    files = {name: text.encode("utf-8") for name, text in {**pages, **styles}.items()}
    files.update({name: path.read_bytes() for name, path in assets.files.items()})
    return dict(sorted(files.items()))


def index_document(edition: Edition, theme: Theme) -> Document:
    """The pack's front page: its title, a meeting's agenda, and a link to every paper."""
    entries = []
    if edition.agenda is not None:
        entries.append((Paragraph((Link(f"{AGENDA}.html", (Text(edition.agenda.meta.title),)),)),))
    entries += [(Paragraph((Link(f"{paper.slug}.html", (Text(paper.meta.title),)),)),) for paper in edition.papers]
    meta = Metadata(title=edition.title, subject=edition.title, author=theme.spec.council,
                    language=theme.spec.language, classification=edition.classification)
    blocks = (Heading(1, (Text(edition.title),), anchor="title"), ListBlock(False, tuple(entries)))
    return Document(INDEX, meta, (Part(blocks),))


def write_files(files: Mapping[str, bytes], folder: Path) -> None:
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _check_names(edition: Edition) -> None:
    reserved = {INDEX} | ({AGENDA} if edition.agenda is not None else set())
    seen: set[str] = set()
    for paper in edition.papers:
        if paper.slug in reserved or paper.slug in seen:
            raise ContentError(edition.source, None, f"two pages of the web edition would be called "
                               f"'{paper.slug}.html'", "rename the paper's file: 'index' and 'agenda' are "
                               "taken by the web edition, and each paper needs a name of its own")
        seen.add(paper.slug)
