"""A web edition's folder: one page per paper, an index page, a meeting's agenda page, and the assets.

Every address is relative and every asset sits under assets/, so the folder works copied to any web
server, or opened from disk. The files are returned as bytes by name, so a build writes them all and
the preview rewrites only those that changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
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

    def url(self, path: Path) -> str:
        name = "assets/" + self.resources.url(path).removeprefix(PREFIX)
        self.files[name] = path
        return quote(name)


def edition_files(edition: Edition, theme: Theme, resources: Resources) -> dict[str, bytes]:
    """Every file of the edition's folder: relative name -> bytes."""
    _check_names(edition)
    assets = Assets(resources)
    site = SiteLinks(edition.title, agenda_href=f"{AGENDA}.html" if edition.agenda else "")
    writer = PageWriter(theme, assets.url)
    pages = {f"{paper.slug}.html": writer.render(paper, site) for paper in edition.papers}
    if edition.agenda is not None:
        links = {start: tuple(PaperLink(p.meta.title, f"{p.slug}.html") for p in papers)
                 for start, papers in edition.item_papers.items()}
        pages[f"{AGENDA}.html"] = writer.render(edition.agenda, site, links, current=AGENDA)
    pages[f"{INDEX}.html"] = writer.render(index_document(edition, theme), site, current=INDEX)
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
