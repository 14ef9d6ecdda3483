"""Exempt separation as a property of the build, not of each writer.

Every file a paper reads while it is built (its Markdown, its appendices, its pictures) and every data
file it cites (a value, a table, a chart, a dashboard) is recorded. An exempt paper owns what it
reads: a public paper that reads any of it is an error, so a public output, built only from public
papers, can carry nothing of an exempt one. What exempt papers own is also left out of the public
manifest, since a file's name or hash can itself give the information away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import confine
from .classification import is_exempt, theme_wordings
from .doctypes.common import PackContext
from .errors import ContentError
from .model import Document


class _Cited(dict):
    """A mapping of the pack's data that notes the data file behind every entry looked up."""

    def __init__(self, items: dict[str, Any], files: Callable[[Any], Iterable[Path | None]]) -> None:
        super().__init__(items)
        self._files = files

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        for path in self._files(value):
            if path is not None:
                confine.note_read(path.resolve())
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if dict.__contains__(self, key) else default

    def copy(self) -> _Cited:
        return _Cited(dict(self.items()), self._files)


def watch(context: PackContext) -> None:
    """Make the pack's values, datasets and dashboards note what a paper cites (once per pack)."""
    if isinstance(context.values, _Cited):
        return
    context.values = _Cited(context.values, lambda value: (value.defined_in,))
    context.datasets = _Cited(context.datasets,
                                   lambda dataset: (dataset.path, getattr(dataset, "values_path", None)))
    context.dashboards = _Cited(context.dashboards,
                                lambda board: (board.kpi_set.path, board.kpi_set.values_path))


@dataclass(frozen=True)
class Paper:
    document: Document
    exempt: bool
    reads: frozenset[Path]  # real paths of the files it read or cited
    cited_at: tuple[Path, int]  # where pack.yaml lists it


def read_paper(build: Callable[[], Document], context: PackContext, cited_at: tuple[Path, int]) -> Paper:
    """Build one paper, recording what it reads."""
    watch(context)
    with confine.recording() as reads, theme_wordings(context.theme.spec.meeting.exempt_item):
        document = build()
        exempt = is_exempt(document.meta.classification)
    return Paper(document, exempt, frozenset(reads), cited_at)


def check_separation(papers: list[Paper], shown_from: Path) -> None:
    """A public paper may read nothing that an exempt paper reads."""
    owners: dict[Path, Paper] = {}
    for paper in papers:
        if paper.exempt:
            owners.update({path: paper for path in paper.reads})
    for paper in papers:
        if paper.exempt:
            continue
        shared = sorted(path for path in paper.reads if path in owners)
        if shared:
            owner = owners[shared[0]]
            raise ContentError(*paper.cited_at, f"public paper '{paper.document.slug}' uses "
                               f"'{_relative(shared[0], shown_from)}', which belongs to exempt paper "
                               f"'{owner.document.slug}'",
                               "an exempt paper's data, appendices and pictures are its own: give the public "
                               "paper data of its own, or list it under the exempt item")


def exempt_files(papers: list[Paper]) -> frozenset[Path]:
    """The real paths of everything exempt papers read: none of it may be named in public."""
    return frozenset(path for paper in papers if paper.exempt for path in paper.reads)


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.name
