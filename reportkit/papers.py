"""Every paper of a pack read and resolved: the models that checks and writers share.

A report pack's documents, or a meeting's items with their papers (papers from other packs read
with that pack's own data and theme); each document goes through the resolve pass with its own
pack's context.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .bind import ItemPapers
from .doctypes.registry import build_document
from .errors import ContentError
from .model import Document
from .pack import Pack, open_pack
from .read.meeting import Item
from .resolve.charts import chart_style
from .resolve.context import ResolveContext
from .resolve.pipeline import resolve_document


@dataclass(frozen=True)
class PackContents:
    pack: Pack
    documents: list[Document]  # every paper, each also written on its own
    items: list[ItemPapers]  # a meeting's items with their papers; empty for other packs
    included: dict[str, Path]  # other packs a meeting takes papers from: name -> folder


def read_pack(root: Path, name: str, draw_charts: bool = True) -> tuple[Pack, list[Document]]:
    """Every document of the pack as a model: all validation happens here, before any writing."""
    contents = read_contents(root, name, draw_charts)
    return contents.pack, contents.documents


def chart_cache(root: Path) -> Path:
    """Where drawn charts are kept between builds, shared by every pack."""
    return root / "build" / ".cache" / "charts"


def read_contents(root: Path, name: str, draw_charts: bool = True) -> PackContents:
    cache = chart_cache(root)
    pack = open_pack(root, name)
    pack_file = pack.folder / "pack.yaml"

    def paper(source: Pack, path: Path, line: int) -> Document:
        context = ResolveContext(source.context.datasets, source.context.values, source.context.theme,
                                 chart_style(source.context.theme), cache, draw_charts)
        return resolve_document(build_document(path, source.context, (pack_file, line)), context)

    if pack.meeting is None:
        documents = [paper(pack, pack.folder / rel, line) for rel, line in zip(pack.spec.documents, pack.document_lines)]
        return PackContents(pack, documents, [], {})
    others: dict[str, Pack] = {}
    items: list[ItemPapers] = []
    for item in pack.meeting.items:
        papers = []
        for listed in item.papers:
            source = pack
            if listed.pack != name:
                source = others.get(listed.pack) or open_pack(root, listed.pack)
                others[listed.pack] = source
            document = paper(source, listed.path, listed.line)
            _check_classification(item, document, pack_file, listed.line)
            papers.append(document)
        items.append(ItemPapers(item, tuple(papers)))
    documents = [document for entry in items for document in entry.papers]
    return PackContents(pack, documents, items, {n: p.folder for n, p in sorted(others.items())})


def _check_classification(item: Item, paper: Document, pack_file: Path, line: int) -> None:
    """A paper's own classification must agree with its item: nothing exempt reaches the public pack."""
    exempt = paper.meta.classification.strip().lower().startswith("exempt")
    if exempt and not item.exempt:
        raise ContentError(pack_file, line, f"paper '{paper.slug}' is classified exempt but listed under public "
                           f"item {item.number}", "mark the item 'exempt: true' with its 'paragraph:', or list "
                           "the paper under an exempt item")
    if item.exempt and not exempt:
        raise ContentError(pack_file, line, f"paper '{paper.slug}' is under exempt item {item.number} but is "
                           f"classified '{paper.meta.classification}'", "classify the paper 'Exempt: paragraph "
                           f"{item.exempt_paragraph} of Part 1 of Schedule 12A' in its front matter")


