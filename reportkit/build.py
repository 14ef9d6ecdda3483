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
from .bind import agenda_document, bound_pack, printed_pages
from .check.engine import ChecksFailed, check_documents
from .check.findings import Finding
from .model import Document
from .papers import PackContents, chart_cache, read_contents
from .theme import Theme
from .write.resources import Resources

RESTRICTED = "restricted"


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    outputs: tuple[Path, ...]
    up_to_date: bool = False
    warnings: tuple[Finding, ...] = ()


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
    roots = {"pack": pack.folder, "charts": chart_cache(root), **theme.resource_roots()}
    roots.update({f"pack-{other}": folder for other, folder in contents.included.items()})
    resources = Resources(roots)

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
        inputs = manifest.input_hashes(root, pack.folder, theme.folder, tuple(contents.included.values()))
        manifest.write(staging, manifest.manifest(name, int(when.timestamp()), inputs, staging))
        _publish(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(final, _files(final), warnings=tuple(f for f in findings if f.severity == "warning"))


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
