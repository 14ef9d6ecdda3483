"""A CQC self-assessment: a cover, contents, the scores against the framework, then one chapter per file.

    ---
    type: cqc-self-assessment
    title: Adult Social Care Self-assessment Update
    subtitle: September 2024
    author: Kent County Council Adult Social Care and Health
    scores: cqc-scores              # data/cqc-scores.csv: quality_statement,published,self_assessed
    chapters: [section-a-overview.md, theme-1-working-with-people.md, ...]
    ---

A theme chapter (``type: cqc-theme``) names its framework theme and quality statements, which are
checked against the framework shipped in reportkit, and must have the sections "Our strengths",
"What we are doing to be the best we can be" and "How we can improve further". Each chapter starts
on a new page with its name as the running header.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field

from ..classification import Classification
from ..compute.cqc import framework
from ..compute.values import NamedValue
from ..errors import ContentError, did_you_mean
from ..model import (
    Block,
    Document,
    Heading,
    Metadata,
    PageSetup,
    Part,
    plain_text,
)
from ..read.frontmatter import SourceFile
from ..read.markdown import MarkdownReader
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of
from .common import PackContext, long_date
from .cqc_blocks import cqc_blocks
from .cqc_scores import read_scores, score_values, scores_part
from .publication import chapter_parts, chapter_source, framed, read_chapter

REQUIRED_SECTIONS = ("Our strengths", "What we are doing to be the best we can be", "How we can improve further")


class SelfAssessmentSpec(Strict):
    type: Literal["cqc-self-assessment"]
    title: str
    subtitle: str = ""
    author: str
    classification: Classification = "Unrestricted"
    scores: str | None = None
    chapters: list[str] = Field(min_length=1)


class OverviewSpec(Strict):
    type: Literal["cqc-overview"]
    title: str


class ThemeChapterSpec(Strict):
    type: Literal["cqc-theme"]
    theme: str
    quality_statements: list[str] = Field(min_length=1)


def build_self_assessment(source: SourceFile, ctx: PackContext) -> Document:
    spec = validate(SelfAssessmentSpec, source.meta, source.path, "the self-assessment's front matter")
    rules = framework()
    values: dict[str, NamedValue] = {}  # the scores' own values, cited like the pack's
    parts: list[Part] = []
    if spec.scores:
        scores = read_scores(spec.scores, ctx, (source.path, line_of(source.meta, "scores") or 1), rules)
        values = score_values(scores, rules)
    intro_reader = MarkdownReader(source.path, ctx.pack_dir,
                                  heading_offset=2, anchor_prefix="intro-")
    foreword = intro_reader.read(source.body, source.body_first_line)
    if spec.scores:
        parts.append(scores_part(scores, rules, ctx, foreword))
    elif foreword:
        parts.append(Part(tuple(foreword)))
    for index, chapter in enumerate(spec.chapters):
        cited = (source.path, line_of(source.meta, "chapters", index) or line_of(source.meta, "chapters") or 1)
        parts += _chapter(chapter, index + 1, cited, ctx)
    meta = Metadata(title=spec.title, subject=f"Self-assessment against the {rules.name}, {long_date(ctx.date)}",
                    author=spec.author, language=ctx.theme.spec.language, classification=spec.classification,
                    keywords=(ctx.theme.spec.council, "CQC", "self-assessment"))
    return Document(source.path.stem, meta, framed(spec.title, spec.subtitle, spec.author, ctx, parts),
                    values)


def _chapter(name: str, number: int, cited: tuple[Path, int], ctx: PackContext) -> list[Part]:
    source = chapter_source(name, ctx, cited)
    kind = source.meta.get("type")
    if kind == "cqc-theme":
        title = _theme_title(source)
    elif kind == "cqc-overview":
        title = validate(OverviewSpec, source.meta, source.path, "the chapter's front matter").title
    else:
        raise ContentError(source.path, line_of(source.meta, "type") or 2,
                           f"'{kind}' is not a self-assessment chapter type",
                           did_you_mean(str(kind), ["cqc-overview", "cqc-theme"]))
    blocks = read_chapter(source, number, ctx, cqc_blocks)
    if kind == "cqc-theme":
        _check_required_sections(blocks, source.path, line_of(source.meta, "theme") or 1)
    return chapter_parts(title, number, blocks)


def _theme_title(source: SourceFile) -> str:
    spec = validate(ThemeChapterSpec, source.meta, source.path, "the theme's front matter")
    rules = framework()
    themes = [name for name, _ in rules.themes]
    if spec.theme not in themes:
        raise ContentError(source.path, line_of(source.meta, "theme"), f"'{spec.theme}' is not a theme of the "
                           f"{rules.name}", did_you_mean(spec.theme, themes))
    own = dict(rules.themes)[spec.theme]
    for index, statement in enumerate(spec.quality_statements):
        if statement not in own:
            line = line_of(source.meta, "quality_statements", index) or line_of(source.meta, "quality_statements")
            where = f"it belongs to '{rules.theme_of(statement)}'" if statement in rules.statements else \
                did_you_mean(statement, list(own))
            raise ContentError(source.path, line, f"'{statement}' is not a quality statement of '{spec.theme}'", where)
    return f"Theme {themes.index(spec.theme) + 1}: {spec.theme}"


def _check_required_sections(blocks: Sequence[Block | PageSetup], path: Path, line: int) -> None:
    present = {plain_text(b.content) for b in blocks if isinstance(b, Heading) and b.level == 3}
    for section in REQUIRED_SECTIONS:
        if section not in present:
            raise ContentError(path, line, f"the theme has no '# {section}' section",
                               f"every theme needs these sections: {'; '.join(REQUIRED_SECTIONS)}")
