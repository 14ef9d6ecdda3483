"""The build: read and validate everything, write each document to PDF and DOCX, then publish at once.

Nothing reaches build/<pack>/ until every output is written: files are made in a staging
folder that replaces the previous outputs in one rename, so a failed build keeps the last good one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from .doctypes.registry import build_document
from .model import Document
from .pack import Pack, open_pack
from .write.resources import Resources


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    outputs: tuple[Path, ...]


def read_pack(root: Path, name: str) -> tuple[Pack, list[Document]]:
    """Every document of the pack as a model: all validation happens here, before any writing."""
    pack = open_pack(root, name, root / "build" / ".cache" / "charts")
    pack_file = pack.folder / "pack.yaml"
    documents = [build_document(pack.folder / rel, pack.context, (pack_file, line))
                 for rel, line in zip(pack.spec.documents, pack.document_lines)]
    return pack, documents


def build(root: Path, name: str) -> BuildResult:
    pack, documents = read_pack(root, name)
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
            write_pdf(doc, theme, resources, staging / f"{doc.slug}.pdf")
            write_docx(doc, theme, staging / f"{doc.slug}.docx", when)
        _write_manifest(root, pack, staging, int(when.timestamp()))
        final = out_root / name
        _publish(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(final, tuple(sorted(final.iterdir())))


def _publish(staging: Path, final: Path) -> None:
    previous = final.with_name(f".previous-{final.name}-{os.getpid()}")
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_manifest(root: Path, pack: Pack, staging: Path, epoch: int) -> None:
    theme = pack.context.theme
    input_roots = [pack.folder, theme.folder, theme.folder.parent / "_base"]
    inputs = {p.relative_to(root).as_posix(): _sha256(p)
              for folder in input_roots for p in sorted(folder.rglob("*")) if p.is_file()}
    outputs = {p.name: _sha256(p) for p in sorted(staging.iterdir())}
    tools = {"python": ".".join(map(str, sys.version_info[:3]))}
    tools.update({name: version(name) for name in ("reportkit", "weasyprint", "python-docx", "matplotlib", "pydyf")})
    manifest = {"pack": pack.name, "source_date_epoch": epoch, "inputs": inputs, "outputs": outputs, "tools": tools}
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
