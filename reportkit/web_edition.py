"""Which papers go into which web edition: the public html/ holds the public papers only; a pack with
exempt papers also gets an html/ among its restricted outputs, holding every paper (and, for a
meeting, the restricted agenda)."""

from __future__ import annotations

from pathlib import Path

from .bind import agenda_document
from .doctypes.agenda import item_anchor
from .papers import PackContents
from .theme import Theme
from .write.resources import Resources
from .write.web_site import Edition, PageStore, edition_files, write_files

HTML = "html"


def edition(contents: PackContents, restricted: bool) -> Edition | None:
    """The public edition, or the restricted one (None where the pack has no exempt paper)."""
    pack, items = contents.pack, contents.items
    source = pack.folder / "pack.yaml"
    exempt = {id(paper.document) for paper in contents.papers if paper.exempt}
    if restricted and not exempt:
        return None
    if pack.meeting is None:
        shown = tuple(doc for doc in contents.documents if restricted or id(doc) not in exempt)
        return Edition(pack.spec.title, "Unrestricted", shown, source) if shown else None
    listed = [entry for entry in items if entry.papers and (restricted or not entry.item.exempt)]
    agenda = agenda_document(pack.meeting, items, pack.context.theme, restricted)
    return Edition(pack.spec.title, agenda.meta.classification,
                   tuple(paper for entry in listed for paper in entry.papers), source, agenda,
                   {item_anchor(entry.item): entry.papers for entry in listed})


def html_files(contents: PackContents, resources: Resources, restricted: bool = False,
               store: PageStore | None = None) -> dict[str, bytes]:
    """Every file of one web edition, by name relative to the folder that holds html/; pages in ``store``
    are not rendered again."""
    found = edition(contents, restricted)
    theme: Theme = contents.pack.context.theme
    if found is None:
        return {}
    return {f"{HTML}/{name}": content for name, content in edition_files(found, theme, resources, store).items()}


def write_html(contents: PackContents, resources: Resources, public: Path, restricted: Path,
               store: PageStore | None = None) -> None:
    """The public edition into ``public``/html/, the restricted one (if any) into ``restricted``/html/."""
    write_files(html_files(contents, resources, store=store), public)
    write_files(html_files(contents, resources, restricted=True, store=store), restricted)
