"""The build: read and validate everything, write each document to PDF and DOCX, then publish at once.

Nothing reaches build/<pack>/ until every output is written: files are made in a new version
folder that replaces the previous outputs in one rename (:mod:`.publish`), so a failed build keeps
the last good one. A meeting pack also gets its bound PDF and agenda. Exempt papers, and the
restricted pack that binds them, go only to build/restricted/<pack>/, outside the published folder;
a public output is built only from public papers (:mod:`.separation`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from . import confine, manifest, publish
from .bind import ItemPapers, agenda_document, bound_pack, printed_pages
from .check.engine import ChecksFailed, check_documents
from .check.findings import Finding
from .doctypes.registry import build_document
from .errors import ContentError
from .model import Document
from .pack import Pack, open_pack
from .read.meeting import Item
from .separation import Paper, check_separation, exempt_files, read_paper
from .theme import Theme
from .write.resources import Resources


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    outputs: tuple[Path, ...]
    up_to_date: bool = False
    warnings: tuple[Finding, ...] = ()
    restricted: tuple[Path, ...] = ()  # under build/restricted/<pack>/: never to be published


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


def read_contents(root: Path, name: str, draw_charts: bool = True) -> PackContents:
    """The pack's papers, read under the confinement rule and checked for exempt separation."""
    with confine.confined():
        return _read_contents(root, name, draw_charts)


def _read_contents(root: Path, name: str, draw_charts: bool) -> PackContents:
    cache = root / "build" / ".cache" / "charts"
    pack = open_pack(root, name, cache, draw_charts)
    pack_file = pack.folder / "pack.yaml"
    if pack.meeting is None:
        papers = [read_paper(partial(build_document, pack.folder / rel, pack.context, (pack_file, line)),
                             pack.context, (pack_file, line))
                  for rel, line in zip(pack.spec.documents, pack.document_lines)]
        check_separation(papers, root)
        return PackContents(pack, [p.document for p in papers], [], {}, papers)
    others: dict[str, Pack] = {}
    items: list[ItemPapers] = []
    papers = []
    for item in pack.meeting.items:
        documents = []
        for source_paper in item.papers:
            source = pack
            if source_paper.pack != name:
                source = others.get(source_paper.pack) or open_pack(root, source_paper.pack, cache, draw_charts)
                others[source_paper.pack] = source
            cited_at = (pack_file, source_paper.line)
            paper = read_paper(partial(build_document, source_paper.path, source.context, cited_at),
                               source.context, cited_at)
            _check_classification(item, paper, pack_file, source_paper.line)
            documents.append(paper.document)
            papers.append(paper)
        items.append(ItemPapers(item, tuple(documents)))
    check_separation(papers, root)
    return PackContents(pack, [paper.document for paper in papers], items,
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


def build(root: Path, name: str, force: bool = False) -> BuildResult:
    """Build ``name`` into build/<name>/, unless its last build is already current (``force`` rebuilds).

    Builds of one pack take turns (a lock per pack); what a failed or killed build left is removed first.
    """
    confine.named_folder(root / "content", name, "pack", (root / "content" / name, None))
    layout = publish.Layout(root / "build", name)
    with publish.pack_lock(layout):
        publish.clean(layout)
        if not force and manifest.up_to_date(root, name):
            return BuildResult(layout.public, _files(layout.public), up_to_date=True)
        contents = read_contents(root, name)
        findings = check_documents(contents.pack, contents.documents, information=False)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            raise ChecksFailed(errors)
        _write_all(root, contents, layout)
    restricted = _files(layout.restricted) if layout.restricted.is_dir() else ()
    return BuildResult(layout.public, _files(layout.public), restricted=restricted,
                       warnings=tuple(f for f in findings if f.severity == "warning"))


def _write_all(root: Path, contents: PackContents, layout: publish.Layout) -> None:
    pack = contents.pack
    when = datetime(pack.spec.date.year, pack.spec.date.month, pack.spec.date.day, tzinfo=timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    theme = pack.context.theme
    roots = {"pack": pack.folder, "theme": theme.folder, "charts": pack.context.data.cache_dir}
    roots.update({f"pack-{other}": folder for other, folder in contents.included.items()})
    resources = Resources(roots)
    staging = publish.start(layout)
    public, restricted = staging / "public", staging / publish.RESTRICTED
    try:
        exempt = {id(paper.document) for paper in contents.papers if paper.exempt}
        for doc in contents.documents:
            _write(doc, theme, resources, restricted if id(doc) in exempt else public, when)
        if pack.meeting is not None:
            _write_meeting(contents, theme, resources, public, when, restricted=False)
            if exempt:
                _write_meeting(contents, theme, resources, restricted, when, restricted=True)
        inputs = manifest.input_hashes(root, pack.folder, theme.folder, tuple(contents.included.values()))
        epoch = int(when.timestamp())
        if exempt:
            manifest.write(restricted, manifest.restricted_manifest(layout.name, epoch, inputs, restricted, public))
        hidden = exempt_files(contents.papers)
        public_inputs = {path: digest for path, digest in inputs.items() if (root / path).resolve() not in hidden}
        manifest.write(public, manifest.manifest(layout.name, epoch, public_inputs, public))
        publish.publish(staging, layout)
    except BaseException:
        publish.discard(staging)
        raise


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
