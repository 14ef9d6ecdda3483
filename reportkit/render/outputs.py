"""Every document of a build written into the staging folder: from the render cache where its key
is known, rendered (in worker processes) where it is not, and the cache brought up to date."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..theme import Theme
from ..write.resources import Resources
from .cache import Keying, RenderCache, theme_chain_hash
from .fonts import FONTTOOLS, MISSING_HINT, font_subsetter
from .progress import Progress
from .setting import Setting
from .workers import Job, Laid, Workers, pool_size, run


@dataclass(frozen=True)
class RenderSummary:
    rendered: tuple[str, ...]  # the documents laid out in this build
    cached: tuple[str, ...]  # the documents taken from the cache
    workers: int
    subsetter: str  # the font subsetter that made (or would make) the embedded fonts


def render_setting(theme: Theme, resources: Resources, when: datetime, cache: RenderCache,
                   processes: int) -> Setting:
    keying = Keying(theme_chain_hash(theme), int(when.timestamp()), font_subsetter())
    return Setting(theme, resources, when, cache, keying, processes)


def write_all(pack: str, jobs: list[Job], setting: Setting, staging: Path, workers: Workers,
              progress: Progress, meanwhile: Callable[[], set[str]]) -> RenderSummary:
    """``meanwhile`` is the build's own work (the web edition), done while the workers render; it says
    which render cache entries it used, so they are kept."""
    cache, subsetter = setting.cache, setting.keying.subsetter
    keys = [setting.keying.key(_key_parts(job), setting.resources.url) for job in jobs]
    entries = {key: cache.get(key) for key in keys}
    first = {key: keys.index(key) for key in entries if entries[key] is None}
    # the longest renders first (a bound pack is the longest), so no worker is left with one at the end
    todo = sorted(first.values(), key=lambda index: (not jobs[index].bound, index))
    count = max(pool_size(workers.allowed, len(todo)), 1)
    progress.started(len(todo), len(jobs), count)
    for job, key in zip(jobs, keys):
        if entries[key] is not None:
            progress.document(job.shown, None)
    if todo and subsetter == FONTTOOLS:
        progress.warn_once(MISSING_HINT)
    scratch = {index: cache.scratch(keys[index]) for index in todo}
    used_meanwhile: set[str] = set()

    def finished(position: int, laid: Laid) -> None:
        index = todo[position]
        entries[keys[index]] = cache.store(keys[index], scratch[index], laid.pages, laid.uses)
        progress.document(jobs[index].shown, laid.seconds)

    try:
        run([(jobs[index], scratch[index]) for index in todo], setting, workers, finished,
            lambda: used_meanwhile.update(meanwhile()))
    finally:
        cache.discard_unfinished()  # including what a worker stopped mid-render left
    used = set(keys) | used_meanwhile
    for job, key in zip(jobs, keys):
        entry = entries[key]
        assert entry is not None
        used.update(cache.record(entry)[1])
        folder = staging / job.folder
        folder.mkdir(parents=True, exist_ok=True)
        for name in job.outputs():
            shutil.copyfile(entry / name, folder / name)
    cache.keep_only(pack, used)
    rendered = tuple(jobs[index].name for index in sorted(todo))
    cached = tuple(job.name for index, job in enumerate(jobs) if index not in first.values())
    return RenderSummary(rendered, cached, count, subsetter)


def _key_parts(job: Job) -> tuple[object, ...]:
    """What a job's outputs are made from: a paper's PDF and DOCX are one document, keyed once."""
    return (job.pdf, job.bound) if job.docx is job.pdf else (job.pdf, job.docx, job.bound)
