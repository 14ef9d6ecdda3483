"""Which papers go into which web edition: html/ holds the public papers only; a meeting with exempt
items also gets restricted/html/, holding every paper and the restricted agenda."""

from __future__ import annotations

from pathlib import Path

from .bind import ItemPapers, agenda_document
from .doctypes.agenda import item_anchor
from .model import Document
from .pack import Pack
from .theme import Theme
from .write.resources import Resources
from .write.web_site import Edition, edition_files, write_files

PUBLIC, RESTRICTED = "html", "restricted/html"


def editions(pack: Pack, documents: list[Document], items: list[ItemPapers]) -> dict[str, Edition]:
    """Folder (relative to build/PACK/) -> the edition written there."""
    source = pack.folder / "pack.yaml"
    theme = pack.context.theme
    if pack.meeting is None:
        return {PUBLIC: Edition(pack.spec.title, "Unrestricted", tuple(documents), source)}
    found = {}
    exempt = any(entry.item.exempt for entry in items)
    for folder, restricted in ((PUBLIC, False), (RESTRICTED, True)):
        if restricted and not exempt:
            continue
        shown = [entry for entry in items if entry.papers and (restricted or not entry.item.exempt)]
        agenda = agenda_document(pack.meeting, items, theme, restricted)
        found[folder] = Edition(pack.spec.title, agenda.meta.classification,
                                tuple(paper for entry in shown for paper in entry.papers), source, agenda,
                                {item_anchor(entry.item): entry.papers for entry in shown})
    return found


def html_files(pack: Pack, documents: list[Document], items: list[ItemPapers], resources: Resources) -> dict[str, bytes]:
    """Every file of the pack's web editions, by name relative to build/PACK/."""
    theme: Theme = pack.context.theme
    return {f"{folder}/{name}": content for folder, edition in editions(pack, documents, items).items()
            for name, content in edition_files(edition, theme, resources).items()}


def write_html(pack: Pack, documents: list[Document], items: list[ItemPapers], resources: Resources,
               folder: Path) -> None:
    write_files(html_files(pack, documents, items, resources), folder)
