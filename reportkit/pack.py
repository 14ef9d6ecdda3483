"""A pack: content/<name>/pack.yaml, its documents and data, read and validated as one unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import confine
from .compute.dashboard import assess_dashboard
from .compute.datasets import KpiSet
from .compute.values import named_values
from .doctypes.common import PackContext
from .errors import ContentError, did_you_mean
from .read.data import load_data_folder
from .read.meeting import Meeting, read_meeting
from .read.schema import Strict, validate
from .read.yamlfile import line_of, load_yaml
from .theme import load_theme


class PackSpec(Strict):
    """A pack is either a list of documents, or a meeting whose items name their papers."""

    title: str
    theme: str
    date: date
    documents: list[str] = []
    meeting: dict[str, Any] | None = None  # checked by read_meeting, which needs the YAML's lines


@dataclass(frozen=True)
class Pack:
    name: str
    folder: Path
    spec: PackSpec
    context: PackContext
    document_lines: tuple[int, ...]
    meeting: Meeting | None = None


def open_pack(root: Path, name: str) -> Pack:
    content = root / "content"
    folder = confine.named_folder(content, name, "pack", (content / name, None))
    pack_file = folder / "pack.yaml"
    if not folder.is_dir():
        known = sorted(p.name for p in content.iterdir() if (p / "pack.yaml").is_file()) if content.is_dir() else []
        raise ContentError(content / name, None, f"no pack called '{name}'", did_you_mean(name, known))
    if not pack_file.is_file() and not pack_file.is_symlink():
        raise ContentError(pack_file, None, f"the pack folder '{name}' has no pack.yaml",
                           "add a pack.yaml naming the theme, the date and the documents (see README.md)")
    confine.allow(folder)
    raw = load_yaml(pack_file)
    spec = validate(PackSpec, raw, pack_file, "pack.yaml")
    if bool(spec.documents) == bool(spec.meeting):
        raise ContentError(pack_file, line_of(raw, "documents") or line_of(raw, "meeting") or 1,
                           "a pack lists either its 'documents:' or a 'meeting:' with its items",
                           "give 'documents:' for a report or publication, 'meeting:' for an agenda pack")
    theme = load_theme(root / "templates", spec.theme, (pack_file, line_of(raw, "theme")))
    rag = theme.spec.rag
    datasets = load_data_folder(folder / "data", rag.rule, rag.tolerance_pct)
    dashboards = {name: assess_dashboard(d) for name, d in datasets.items() if isinstance(d, KpiSet)}
    context = PackContext(folder, theme, datasets, named_values(datasets, dashboards), dashboards,
                          spec.date)
    lines = tuple(line_of(raw, "documents", i) or 1 for i in range(len(spec.documents)))
    meeting = (read_meeting(raw["meeting"], pack_file, content, spec.date, theme.spec.meeting.standard_items)
               if spec.meeting else None)
    return Pack(name, folder, spec, context, lines, meeting)
