"""The build: read and validate everything, write each document to PDF and DOCX, then publish at once.

Nothing reaches build/<pack>/ until every output is written: files are made in a staging
folder that replaces the previous outputs in one rename, so a failed build keeps the last good one.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import manifest
from .check.engine import ChecksFailed, check_documents
from .check.findings import Finding
from .doctypes.registry import build_document
from .model import Document
from .pack import Pack, open_pack
from .write.resources import Resources


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    outputs: tuple[Path, ...]
    up_to_date: bool = False
    warnings: tuple[Finding, ...] = ()


def read_pack(root: Path, name: str, draw_charts: bool = True) -> tuple[Pack, list[Document]]:
    """Every document of the pack as a model: all validation happens here, before any writing."""
    pack = open_pack(root, name, root / "build" / ".cache" / "charts", draw_charts)
    pack_file = pack.folder / "pack.yaml"
    documents = [build_document(pack.folder / rel, pack.context, (pack_file, line))
                 for rel, line in zip(pack.spec.documents, pack.document_lines)]
    return pack, documents


def build(root: Path, name: str, force: bool = False) -> BuildResult:
    """Build ``name`` into build/<name>/, unless its last build is already current (``force`` rebuilds)."""
    final = root / "build" / name
    if not force and manifest.up_to_date(root, name):
        return BuildResult(final, tuple(sorted(final.iterdir())), up_to_date=True)
    pack, documents = read_pack(root, name)
    findings = check_documents(pack, documents, information=False)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise ChecksFailed(errors)
    when = datetime(pack.spec.date.year, pack.spec.date.month, pack.spec.date.day, tzinfo=timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    theme = pack.context.theme
    resources = Resources({"pack": pack.folder, "theme": theme.folder, "charts": pack.context.data.cache_dir})

    from .write.docx import write_docx
    from .write.pdf import write_pdf

    out_root = root / "build"
    staging = out_root / f".staging-{name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for doc in documents:
            pages = write_pdf(doc, theme, resources, staging / f"{doc.slug}.pdf")
            write_docx(doc, theme, staging / f"{doc.slug}.docx", when, pages)
        inputs = manifest.input_hashes(root, pack.folder, theme.folder)
        manifest.write(staging, manifest.manifest(name, int(when.timestamp()), inputs, staging))
        _publish(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(final, tuple(sorted(final.iterdir())),
                       warnings=tuple(f for f in findings if f.severity == "warning"))


def _publish(staging: Path, final: Path) -> None:
    previous = final.with_name(f".previous-{final.name}-{os.getpid()}")
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
