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
from .bind import ItemPapers, agenda_document, bound_pack
from .check.engine import ChecksFailed, check_documents
from .check.findings import Finding
from .doctypes.registry import build_document
from .errors import ContentError
from .model import Document
from .pack import Pack, open_pack
from .read.meeting import Item
from .render.cache import RenderCache
from .render.outputs import RenderSummary, write_all
from .render.progress import Progress, Silent
from .render.workers import Job, Setting
from .theme import Theme
from .write.resources import Resources

RESTRICTED = "restricted"


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    outputs: tuple[Path, ...]
    up_to_date: bool = False
    warnings: tuple[Finding, ...] = ()
    renders: RenderSummary | None = None


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


def build(root: Path, name: str, force: bool = False, workers: int | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build ``name`` into build/<name>/, unless its last build is already current (``force`` rebuilds,
    rendering every document again); ``workers`` processes render (default: one per CPU)."""
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
    roots = {"pack": pack.folder, "theme": theme.folder, "charts": pack.context.data.cache_dir}
    roots.update({f"pack-{other}": folder for other, folder in contents.included.items()})
    resources = Resources(roots)

    out_root = root / "build"
    staging = out_root / f".staging-{name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        exempt = {id(paper) for entry in contents.items if entry.item.exempt for paper in entry.papers}
        jobs = [Job(doc, doc, RESTRICTED if id(doc) in exempt else "") for doc in contents.documents]
        if pack.meeting is not None:
            jobs.append(_meeting_job(contents, theme, "", restricted=False))
            if exempt:
                jobs.append(_meeting_job(contents, theme, RESTRICTED, restricted=True))
        cache = RenderCache(out_root / ".cache" / "renders", read=not force)
        renders = write_all(name, jobs, Setting(theme, resources, when), staging, cache, workers,
                            progress or Silent())
        inputs = manifest.input_hashes(root, pack.folder, theme.folder, tuple(contents.included.values()))
        record = manifest.manifest(name, int(when.timestamp()), inputs, staging)
        record["font_subsetter"] = renders.subsetter
        manifest.write(staging, record)
        _publish(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(final, _files(final), warnings=tuple(f for f in findings if f.severity == "warning"),
                       renders=renders)


def _meeting_job(contents: PackContents, theme: Theme, folder: str, restricted: bool) -> Job:
    """The bound pack (PDF only: its point is the printed pagination) and the agenda, whose DOCX
    carries the page ranges the bound PDF laid out."""
    assert contents.pack.meeting is not None
    pack = bound_pack(contents.pack.meeting, contents.items, theme, restricted)
    agenda = agenda_document(contents.pack.meeting, contents.items, theme, restricted)
    return Job(pack, agenda, folder, bound=True)


def _files(folder: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in folder.rglob("*") if p.is_file()))


def _publish(staging: Path, final: Path) -> None:
    previous = final.with_name(f".previous-{final.name}-{os.getpid()}")
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
