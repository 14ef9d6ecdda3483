"""Every paper of a pack read and resolved: the models that checks and writers share.

A report pack's documents, or a meeting's items with their papers (papers from other packs read
with that pack's own data and theme); each document goes through the resolve pass with its own
pack's context.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import confine
from .bind import ItemPapers
from .doctypes.registry import build_document
from .errors import ContentError
from .model import Document
from .pack import Pack, open_pack
from .read.meeting import Item
from .resolve.charts import chart_style
from .resolve.context import ResolveContext
from .resolve.pipeline import resolve_document
from .separation import Paper, check_separation, read_paper


@dataclass(frozen=True)
class PackContents:
    pack: Pack
    documents: list[Document]  # every paper, each also written on its own
    items: list[ItemPapers]  # a meeting's items with their papers; empty for other packs
    included: dict[str, Path]  # other packs a meeting takes papers from: name -> folder
    papers: list[Paper]  # each document with what it read, for exempt separation


def read_pack(root: Path, name: str, draw_charts: bool = True) -> tuple[Pack, list[Document]]:
    """Every document of the pack as a model: all validation happens here, before any writing."""
    contents = read_contents(root, name, draw_charts)
    return contents.pack, contents.documents


def chart_cache(root: Path) -> Path:
    """Where drawn charts are kept between builds, shared by every pack."""
    return root / "build" / ".cache" / "charts"


def read_contents(root: Path, name: str, draw_charts: bool = True) -> PackContents:
    """The pack's papers, read and resolved under the confinement rule and checked for exempt separation."""
    with confine.confined():
        return _read_contents(root, name, draw_charts)


def _read_contents(root: Path, name: str, draw_charts: bool) -> PackContents:
    cache = chart_cache(root)
    pack = open_pack(root, name)
    pack_file = pack.folder / "pack.yaml"

    def paper(source: Pack, path: Path, line: int) -> Paper:
        """One paper read and resolved, recording every file and data file it uses."""
        def read() -> Document:
            context = ResolveContext(source.context.datasets, source.context.values, source.context.theme,
                                     chart_style(source.context.theme), cache, draw_charts)
            return resolve_document(build_document(path, source.context, (pack_file, line)), context)

        return read_paper(read, source.context, (pack_file, line))

    if pack.meeting is None:
        papers = [paper(pack, pack.folder / rel, line) for rel, line in zip(pack.spec.documents, pack.document_lines)]
        check_separation(papers, root)
        return PackContents(pack, [p.document for p in papers], [], {}, papers)
    others: dict[str, Pack] = {}
    items: list[ItemPapers] = []
    papers = []
    for item in pack.meeting.items:
        documents = []
        for listed in item.papers:
            source = pack
            if listed.pack != name:
                source = others.get(listed.pack) or open_pack(root, listed.pack)
                others[listed.pack] = source
            read = paper(source, listed.path, listed.line)
            _check_classification(item, read, pack_file, listed.line)
            documents.append(read.document)
            papers.append(read)
        items.append(ItemPapers(item, tuple(documents)))
    check_separation(papers, root)
    return PackContents(pack, [read.document for read in papers], items,
                        {n: p.folder for n, p in sorted(others.items())}, papers)


def _check_classification(item: Item, read: Paper, pack_file: Path, line: int) -> None:
    """A paper's own classification must agree with its item: nothing exempt reaches the public pack."""
    exempt, paper = read.exempt, read.document
    if exempt and not item.exempt:
        raise ContentError(pack_file, line, f"paper '{paper.slug}' is classified exempt but listed under public "
                           f"item {item.number}", "mark the item 'exempt: true' with its 'paragraph:', or list "
                           "the paper under an exempt item")
    if item.exempt and not exempt:
        raise ContentError(pack_file, line, f"paper '{paper.slug}' is under exempt item {item.number} but is "
                           f"classified '{paper.meta.classification}'", "classify the paper 'Exempt: paragraph "
                           f"{item.exempt_paragraph} of Part 1 of Schedule 12A' in its front matter")
