"""Writing documents in worker processes: each PDF, and its DOCX with the pages the PDF laid out.

The workers are started before the build reads the pack, and two of them import the writers while
the build reads and checks it, so the first renders do not wait for those imports. Every output is a
function of its job and the setting alone, so the bytes are the same whatever the number of
workers or the order they finish in. A job is two steps that need nothing of each other: the PDF,
and the DOCX drafted without page numbers, so the draft is made on another core while the PDF is
laid out. When both are done, this process fills the PDF's page numbers into the draft
(:mod:`..write.docx_package`, a few milliseconds). Steps are handed out a job at a time, PDF
first, and at most one per worker, so each paper is finished as soon as its own two steps are.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ContentError
from ..model import Document
from .setting import Setting


@dataclass(frozen=True)
class Job:
    """One render: ``pdf`` to PDF, then ``docx`` to Word, given the pages where the PDF's anchors landed."""

    pdf: Document
    docx: Document
    folder: str = ""  # where the outputs go, under the build folder
    bound: bool = False  # a bound pack, laid out in pieces; the DOCX takes the page numbers as printed
    restricted: bool = False  # its name is not shown in progress lines: a file name can itself be exempt

    @property
    def name(self) -> str:
        return self.pdf.slug

    @property
    def shown(self) -> str:
        """The name progress lines print."""
        return "a restricted paper" if self.restricted else self.pdf.slug

    def outputs(self) -> tuple[str, str]:
        return f"{self.pdf.slug}.pdf", f"{self.docx.slug}.docx"


@dataclass(frozen=True)
class Failure:
    """A ContentError raised in a worker, carried back as plain fields (the exception does not pickle)."""

    path: str
    line: int | None
    message: str
    hint: str


@dataclass(frozen=True)
class Laid:
    """A PDF written: where its anchors landed, the seconds it took, and the cache entries it was made from."""

    pages: dict[str, int]
    seconds: float
    uses: tuple[str, ...] = ()


DRAFT = "draft.docx"  # in a job's folder, until it is finished with the PDF's page numbers


def _start_worker(eager: Any) -> None:
    # a worker collects cycles before each render and draft, not when the collector decides to:
    # otherwise a render's garbage is collected just as its result is being sent
    gc.disable()
    with eager.get_lock():
        first = eager.value > 0
        eager.value -= 1
    if first:
        _import_writers()
    gc.freeze()  # what the worker has imported stays: the collector need not look at it again


EAGER = 2  # the workers that import the writers as they start: any build that renders uses two


class Workers:
    """``allowed`` worker processes, all started at once, before the build knows how many documents it
    will render (none when one is allowed: the jobs then run in the build's own process). The first
    two import the writers as they start; the rest, which a build of one document leaves idle, import
    them only if they are given a job. A build that fails stops them at once; otherwise closing waits
    for them to finish."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.pool: ProcessPoolExecutor | None = None
        if allowed > 1:
            context = _context()
            self.pool = ProcessPoolExecutor(max_workers=allowed, mp_context=context, initializer=_start_worker,
                                            initargs=(context.Value("i", EAGER),))
            self.pool.submit(_nothing)  # starts the workers now, rather than at the first render

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, failed: type[BaseException] | None, *_exception: object) -> None:
        if self.pool is None:
            return
        if failed is not None:  # nothing they are doing is wanted: not even the imports
            # no public way to stop the workers before Python 3.14; without it, closing waits for them
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(cancel_futures=True)


def pdf_step(job: Job, setting: Setting, work: Path) -> Laid | Failure:
    """Lay out and write the PDF (a bound pack from its pieces)."""
    from ..write.pdf import write_pdf
    from .binding import write_bound

    os.environ["SOURCE_DATE_EPOCH"] = str(setting.epoch)
    started = time.perf_counter()
    target = work / job.outputs()[0]
    try:
        if job.bound:
            bound = write_bound(job.pdf, setting, target)
            return Laid(bound.pages, time.perf_counter() - started, bound.uses)
        pages = write_pdf(job.pdf, setting.theme, setting.resources, target, processes=setting.processes)
    except ContentError as error:
        return Failure(str(error.path), error.line, error.message, error.hint)
    return Laid(pages, time.perf_counter() - started)


def docx_step(job: Job, setting: Setting, work: Path) -> float | Failure:
    """Draft the DOCX, all but its page numbers, into the job's folder; the seconds it took."""
    from ..write.docx import draft_docx

    if not gc.isenabled():  # in a worker: free what the last step left (a PDF's render does so itself)
        gc.collect()
    started = time.perf_counter()
    try:
        (work / DRAFT).write_bytes(draft_docx(job.docx, setting.theme, setting.when))
    except ContentError as error:  # a theme's Word template without a style it names, say
        return Failure(str(error.path), error.line, error.message, error.hint)
    return time.perf_counter() - started


def finish_docx(job: Job, setting: Setting, work: Path, pages: dict[str, int]) -> float:
    """Fill the pages the PDF laid out into the draft, as the job's DOCX; the seconds it took."""
    from ..write import docx_package  # not the Word writer: this process need not import python-docx

    started = time.perf_counter()
    draft = work / DRAFT
    finished = docx_package.finish(draft.read_bytes(), pages, job.docx.meta.title, setting.theme.spec.council,
                                   setting.when)
    (work / job.outputs()[1]).write_bytes(finished)
    draft.unlink()
    return time.perf_counter() - started


Finished = Callable[[int, Laid], None]  # job index, its PDF's layout, with the seconds of both writers


def run(jobs: list[tuple[Job, Path]], setting: Setting, workers: Workers, finished: Finished,
        meanwhile: Callable[[], None]) -> None:
    """Render each job into its folder, in the ``workers``; ``finished`` hears of each as its DOCX is
    written. ``meanwhile`` runs in this process while the workers render (with one worker, before the
    jobs), so even a single job runs in a worker when more than one is allowed."""
    count = pool_size(workers.allowed, len(jobs))
    if workers.pool is None or count <= 1:
        meanwhile()
        for index, (job, work) in enumerate(jobs):
            laid = _unwrap(pdf_step(job, setting, work))
            drafted = _unwrap(docx_step(job, setting, work))
            finished(index, _plus(laid, drafted + finish_docx(job, setting, work, laid.pages)))
        return
    _steps(workers.pool, jobs, setting, count, finished, meanwhile)


def _steps(pool: ProcessPoolExecutor, jobs: list[tuple[Job, Path]], setting: Setting, workers: int,
           finished: Finished, meanwhile: Callable[[], None]) -> None:
    todo: deque[tuple[Callable[..., Any], int]] = deque(
        (step, index) for index in range(len(jobs)) for step in (pdf_step, docx_step))
    running: dict[Future[Any], tuple[Callable[..., Any], int]] = {}
    pdfs: dict[int, Laid] = {}
    drafts: dict[int, float] = {}
    waiting = meanwhile
    while todo or running:
        while len(running) < workers and todo:
            step, index = todo.popleft()
            job, work = jobs[index]
            running[pool.submit(step, job, setting, work)] = (step, index)
        waiting()
        waiting = _nothing
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: running[f][1]):
            step, index = running.pop(future)
            outcome = future.result()
            if step is pdf_step:
                assert isinstance(outcome, (Laid, Failure))
                pdfs[index] = _unwrap(outcome)
            else:
                assert isinstance(outcome, (float, Failure))
                drafts[index] = _unwrap(outcome)
            if index in pdfs and index in drafts:
                job, work = jobs[index]
                laid = pdfs[index]
                finished(index, _plus(laid, drafts[index] + finish_docx(job, setting, work, laid.pages)))


def pool_size(workers: int, jobs: int) -> int:
    """The steps run at once for ``jobs`` when ``workers`` are allowed: up to two a job, as a job's DOCX
    is drafted while its PDF is written; one (the jobs run in this process) when one is allowed."""
    return 1 if workers <= 1 else min(workers, 2 * jobs)


def _nothing() -> None:
    return None


def _plus(laid: Laid, seconds: float) -> Laid:
    return Laid(laid.pages, laid.seconds + seconds, laid.uses)


Outcome = TypeVar("Outcome", Laid, float)


def _unwrap(outcome: Outcome | Failure) -> Outcome:
    if isinstance(outcome, Failure):
        raise ContentError(outcome.path, outcome.line, outcome.message, outcome.hint)
    return outcome


def _import_writers() -> None:
    """Import the writers and their libraries as a worker starts, before it is given a job."""
    import docx  # noqa: F401
    import weasyprint  # noqa: F401

    from ..write import docx as _docx_writer  # noqa: F401
    from ..write import pdf as _pdf_writer  # noqa: F401


def _context() -> BaseContext:
    import multiprocessing

    # fork shares what the build has imported so far (the model, the theme) with the workers
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)
