"""The build: read and validate everything, write each document to PDF and DOCX, then publish at once.

Nothing reaches build/<pack>/ until every output is written: files are made in a staging
folder that replaces the previous outputs in one rename, so a failed build keeps the last good one.
A meeting pack also gets its bound PDF and agenda; its exempt papers go only under restricted/.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import manifest
from .bind import ItemPapers, agenda_document, bound_pack, printed_pages
from .check.engine import ChecksFailed, check_documents
from .check.findings import Finding
from .doctypes.registry import build_document
from .errors import ContentError
from .model import Document
from .pack import Pack, open_pack
from .read.meeting import Item
from .theme import Theme
from .web_edition import write_html
from .write.resources import Resources

RESTRICTED = "restricted"


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    outputs: tuple[Path, ...]
    up_to_date: bool = False
    warnings: tuple[Finding, ...] = ()


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


def read_contents(root: Path, name: str, draw_charts: bool = True) -> PackContents:
    cache = root / "build" / ".cache" / "charts"
    pack = open_pack(root, name, cache, draw_charts)
    pack_file = pack.folder / "pack.yaml"
    if pack.meeting is None:
        documents = [build_document(pack.folder / rel, pack.context, (pack_file, line))
                     for rel, line in zip(pack.spec.documents, pack.document_lines)]
        return PackContents(pack, documents, [], {})
    others: dict[str, Pack] = {}
    items: list[ItemPapers] = []
    for item in pack.meeting.items:
        papers = []
        for paper in item.papers:
            source = pack
            if paper.pack != name:
                source = others.get(paper.pack) or open_pack(root, paper.pack, cache, draw_charts)
                others[paper.pack] = source
            document = build_document(paper.path, source.context, (pack_file, paper.line))
            _check_classification(item, document, pack_file, paper.line)
            papers.append(document)
        items.append(ItemPapers(item, tuple(papers)))
    documents = [paper for entry in items for paper in entry.papers]
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


def build(root: Path, name: str, force: bool = False) -> BuildResult:
    """Build ``name`` into build/<name>/, unless its last build is already current (``force`` rebuilds)."""
    final = root / "build" / name
    if not force and manifest.up_to_date(root, name):
        return BuildResult(final, _files(final), up_to_date=True)
    contents = read_contents(root, name)
    pack = contents.pack
    findings = check_documents(pack, contents.documents, information=False)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise ChecksFailed(errors)
    when = datetime(pack.spec.date.year, pack.spec.date.month, pack.spec.date.day, tzinfo=timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    theme = pack.context.theme
    resources = pack_resources(contents)

    out_root = root / "build"
    staging = out_root / f".staging-{name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        exempt = {id(paper) for entry in contents.items if entry.item.exempt for paper in entry.papers}
        for doc in contents.documents:
            folder = staging / RESTRICTED if id(doc) in exempt else staging
            _write(doc, theme, resources, folder, when)
        if pack.meeting is not None:
            _write_meeting(contents, theme, resources, staging, when, restricted=False)
            if exempt:
                _write_meeting(contents, theme, resources, staging / RESTRICTED, when, restricted=True)
        write_html(pack, contents.documents, contents.items, resources, staging)
        inputs = manifest.input_hashes(root, pack.folder, theme.folder, tuple(contents.included.values()))
        manifest.write(staging, manifest.manifest(name, int(when.timestamp()), inputs, staging))
        _publish(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(final, _files(final), warnings=tuple(f for f in findings if f.severity == "warning"))


def pack_resources(contents: PackContents) -> Resources:
    """The files a pack's documents may use: its own, its theme's, its charts' and its included packs'."""
    pack = contents.pack
    roots = {"pack": pack.folder, "theme": pack.context.theme.folder, "charts": pack.context.data.cache_dir}
    roots.update({f"pack-{other}": folder for other, folder in contents.included.items()})
    return Resources(roots)


def _write(doc: Document, theme: Theme, resources: Resources, folder: Path, when: datetime) -> None:
    from .write.docx import write_docx
    from .write.pdf import write_pdf

    folder.mkdir(exist_ok=True)
    pages = write_pdf(doc, theme, resources, folder / f"{doc.slug}.pdf")
    write_docx(doc, theme, folder / f"{doc.slug}.docx", when, pages)


def _write_meeting(contents: PackContents, theme: Theme, resources: Resources, folder: Path, when: datetime,
                   restricted: bool) -> None:
    """The bound pack (PDF only: its point is the printed pagination) and the agenda, whose DOCX
    carries the page ranges the bound PDF laid out."""
    from .write.docx import write_docx
    from .write.pdf import write_pdf

    assert contents.pack.meeting is not None
    folder.mkdir(exist_ok=True)
    pack = bound_pack(contents.pack.meeting, contents.items, theme, restricted)
    pages = printed_pages(write_pdf(pack, theme, resources, folder / f"{pack.slug}.pdf"), pack)
    agenda = agenda_document(contents.pack.meeting, contents.items, theme, restricted)
    write_docx(agenda, theme, folder / f"{agenda.slug}.docx", when, pages)


def _files(folder: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in folder.rglob("*") if p.is_file()))


def _publish(staging: Path, final: Path) -> None:
    previous = final.with_name(f".previous-{final.name}-{os.getpid()}")
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
