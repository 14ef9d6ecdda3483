"""The build: read and validate everything, write each document to PDF and DOCX, then publish at once.

Nothing reaches build/<pack>/ until every output is written: files are made in a new version
folder that replaces the previous outputs in one rename (:mod:`.publish`), so a failed build keeps
the last good one. A meeting pack also gets its bound PDF and agenda. Exempt papers, and the
restricted pack that binds them, go only to build/restricted/<pack>/, outside the published folder;
a public output is built only from public papers (:mod:`.separation`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import confine, manifest, publish
from .bind import agenda_document, bound_pack
from .check.engine import ChecksFailed, check_documents
from .check.findings import Finding
from .papers import PackContents, chart_cache, read_contents
from .render.cache import RenderCache
from .render.outputs import RenderSummary, render_setting, write_all
from .render.progress import Progress, Silent
from .render.web_pages import CachedPages
from .render.workers import Job, Workers, default_workers
from .separation import exempt_files
from .theme import Theme
from .web_edition import write_html
from .write.resources import Resources


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    outputs: tuple[Path, ...]
    up_to_date: bool = False
    warnings: tuple[Finding, ...] = ()
    restricted: tuple[Path, ...] = ()  # under build/restricted/<pack>/: never to be published
    renders: RenderSummary | None = None


def build(root: Path, name: str, force: bool = False, workers: int | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build ``name`` into build/<name>/, unless its last build is already current (``force`` rebuilds,
    rendering every document again); ``workers`` processes render (default: one per CPU).

    Builds of one pack take turns (a lock per pack); what a failed or killed build left is removed first.
    The workers start before the pack is read, and render while it is checked: a build whose checks
    fail stops them and publishes nothing.
    """
    confine.named_folder(root / "content", name, "pack", (root / "content" / name, None))
    layout = publish.Layout(root / "build", name)
    with publish.pack_lock(layout):
        publish.clean(layout)
        if not force and manifest.up_to_date(root, name):
            return BuildResult(layout.public, _files(layout.public), up_to_date=True)
        with Workers(workers or default_workers()) as started:
            contents = read_contents(root, name)
            findings: list[Finding] = []

            def check() -> None:
                findings.extend(check_documents(contents.pack, contents.documents, information=False))
                errors = [f for f in findings if f.severity == "error"]
                if errors:
                    raise ChecksFailed(errors)

            renders = _write_all(root, contents, layout, force, started, progress or Silent(), check)
    restricted = _files(layout.restricted) if layout.restricted.is_dir() else ()
    return BuildResult(layout.public, _files(layout.public), restricted=restricted,
                       warnings=tuple(f for f in findings if f.severity == "warning"), renders=renders)


def _write_all(root: Path, contents: PackContents, layout: publish.Layout, force: bool, workers: Workers,
               progress: Progress, check: Callable[[], None]) -> RenderSummary:
    """``check`` runs while the workers render, before the web edition; it raises if the pack must not be published."""
    pack = contents.pack
    when = datetime(pack.spec.date.year, pack.spec.date.month, pack.spec.date.day, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    theme = pack.context.theme
    resources = pack_resources(root, contents)
    staging = publish.start(layout)
    public, restricted = staging / PUBLIC, staging / publish.RESTRICTED
    try:
        exempt = {id(paper.document) for paper in contents.papers if paper.exempt}
        jobs = [Job(doc, doc, publish.RESTRICTED, restricted=True) if id(doc) in exempt else Job(doc, doc, PUBLIC)
                for doc in contents.documents]
        if pack.meeting is not None:
            jobs.append(_meeting_job(contents, theme, PUBLIC, restricted=False))
            if exempt:
                jobs.append(_meeting_job(contents, theme, publish.RESTRICTED, restricted=True))
        cache = RenderCache(root / "build" / ".cache" / "renders", read=not force)
        setting = render_setting(theme, resources, when, cache, workers.allowed)
        pages = CachedPages(cache, setting.keying, resources.url)

        def checked_web_edition() -> set[str]:
            check()
            write_html(contents, resources, public, restricted, pages)
            return pages.used

        renders = write_all(layout.name, jobs, setting, staging, workers, progress, meanwhile=checked_web_edition)
        inputs = manifest.input_hashes(root, pack.folder, theme.folder, tuple(contents.included.values()))
        epoch = int(when.timestamp())
        if exempt:
            manifest.write(restricted, manifest.restricted_manifest(layout.name, epoch, inputs, restricted, public))
        hidden = exempt_files(contents.papers)
        public_inputs = {path: digest for path, digest in inputs.items() if (root / path).resolve() not in hidden}
        record = manifest.manifest(layout.name, epoch, public_inputs, public)
        record["font_subsetter"] = renders.subsetter
        manifest.write(public, record)
        publish.publish(staging, layout)
    except BaseException:
        publish.discard(staging)
        raise
    return renders


PUBLIC = "public"  # the staging folder that becomes build/<pack>/


def pack_resources(root: Path, contents: PackContents) -> Resources:
    """The files a pack's documents may use: its own, its theme chain's, its charts' and its included packs'."""
    pack = contents.pack
    roots = {"pack": pack.folder, "charts": chart_cache(root), **pack.context.theme.resource_roots()}
    roots.update({f"pack-{other}": folder for other, folder in contents.included.items()})
    return Resources(roots)


def _meeting_job(contents: PackContents, theme: Theme, folder: str, restricted: bool) -> Job:
    """The bound pack (PDF only: its point is the printed pagination) and the agenda, whose DOCX
    carries the page ranges the bound PDF laid out."""
    assert contents.pack.meeting is not None
    pack = bound_pack(contents.pack.meeting, contents.items, theme, restricted)
    agenda = agenda_document(contents.pack.meeting, contents.items, theme, restricted)
    return Job(pack, agenda, folder, bound=True, restricted=restricted)


def _files(folder: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in folder.rglob("*") if p.is_file()))
