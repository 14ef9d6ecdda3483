"""Which builder reads which ``type:`` of document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import confine
from ..errors import ContentError, did_you_mean
from ..model import Document
from ..read.frontmatter import SourceFile, read_markdown_file
from .committee_report import build_committee_report
from .common import PackContext
from .minutes import build_minutes
from .publication import build_publication
from .self_assessment import build_self_assessment
from .work_programme import build_work_programme

Builder = Callable[[SourceFile, PackContext], Document]

BUILDERS: dict[str, Builder] = {
    "committee-report": build_committee_report,
    "cqc-self-assessment": build_self_assessment,
    "publication": build_publication,
    "minutes": build_minutes,
    "work-programme": build_work_programme,
}


def build_document(path: Path, ctx: PackContext, cited_at: tuple[Path, int]) -> Document:
    resolved = path.resolve()
    if not resolved.is_relative_to(ctx.pack_dir.resolve()):
        raise ContentError(cited_at[0], cited_at[1], f"'{path.name}' is outside the pack",
                           "list files in the pack folder")
    confine.checked_file(path, cited_at=cited_at)  # a folder, a pipe, a name too long: refused where it is listed
    source = read_markdown_file(path)
    kind = source.meta.get("type")
    if kind not in BUILDERS:
        from ..read.yamlfile import line_of

        raise ContentError(path, line_of(source.meta, "type") or 2, f"unknown document type '{kind}'",
                           did_you_mean(str(kind), list(BUILDERS)) if kind else "add a line 'type: committee-report'")
    return BUILDERS[kind](source, ctx)
