"""Writing documents in worker processes: each PDF, and its DOCX with the pages the PDF laid out.

The workers are started before the build reads the pack, and two of them import the writers while
the build reads and checks it, so the first renders do not wait for those imports. Every output is a
function of its job and the setting alone, so the bytes are the same whatever the number of
workers or the order they finish in. A DOCX waits only for its own PDF's layout, not
for the PDF to be written: a worker says where the anchors landed as soon as it knows (through a
queue every worker is started with), and the DOCX goes to the next free worker while the PDF is
still being written. At most one step per worker is handed out at a time, so a DOCX whose layout is
known goes before the next PDF.
"""

from __future__ import annotations

import os
import sys
import threading
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


_layouts: Any = None  # in a worker: the queue to say a layout is known on, as (job index, pages)


def _start_worker(layouts: Any, eager: Any) -> None:
    global _layouts
    _layouts = layouts
    with eager.get_lock():
        first = eager.value > 0
        eager.value -= 1
    if first:
        _import_writers()


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
        self.layouts: Any = None
        if allowed > 1:
            context = _context()
            self.layouts = context.Queue()
            self.pool = ProcessPoolExecutor(max_workers=allowed, mp_context=context, initializer=_start_worker,
                                            initargs=(self.layouts, context.Value("i", EAGER)))
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


def pdf_step(job: Job, setting: Setting, work: Path, index: int = 0) -> Laid | Failure:
    """Lay out and write the PDF (a bound pack from its pieces); the layout is said as soon as it is known."""
    from ..write.pdf import write_pdf
    from .binding import write_bound

    def laid_out(pages: dict[str, int]) -> None:
        if _layouts is not None:
            _layouts.put((index, pages))

    os.environ["SOURCE_DATE_EPOCH"] = str(setting.epoch)
    started = time.perf_counter()
    target = work / job.outputs()[0]
    try:
        if job.bound:
            bound = write_bound(job.pdf, setting, target, laid_out)
            return Laid(bound.pages, time.perf_counter() - started, bound.uses)
        pages = write_pdf(job.pdf, setting.theme, setting.resources, target, laid_out=laid_out,
                          processes=setting.processes)
    except ContentError as error:
        return Failure(str(error.path), error.line, error.message, error.hint)
    return Laid(pages, time.perf_counter() - started)


def docx_step(job: Job, setting: Setting, work: Path, pages: dict[str, int]) -> float | Failure:
    """Write the DOCX; the seconds it took."""
    from ..write.docx import write_docx

    started = time.perf_counter()
    try:
        write_docx(job.docx, setting.theme, work / job.outputs()[1], setting.when, pages)
    except ContentError as error:  # a theme's Word template without a style it names, say
        return Failure(str(error.path), error.line, error.message, error.hint)
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
            finished(index, _plus(laid, _unwrap(docx_step(job, setting, work, laid.pages))))
        return
    _schedule(workers.pool, workers.layouts, jobs, setting, count, finished, meanwhile)


def _schedule(pool: ProcessPoolExecutor, layouts: Any, jobs: list[tuple[Job, Path]], setting: Setting,
              workers: int, finished: Finished, meanwhile: Callable[[], None]) -> None:
    known: list[Future[dict[str, int]]] = [Future() for _ in jobs]  # each job's layout, as its worker says it
    listener = threading.Thread(target=_listen, args=(layouts, known), daemon=True)
    listener.start()
    try:
        _steps(pool, jobs, setting, workers, finished, meanwhile, known)
    finally:
        layouts.put(None)
        listener.join()


def _listen(layouts: Any, known: list[Future[dict[str, int]]]) -> None:
    while (said := layouts.get()) is not None:
        index, pages = said
        known[index].set_result(pages)


def _steps(pool: ProcessPoolExecutor, jobs: list[tuple[Job, Path]], setting: Setting, workers: int,
           finished: Finished, meanwhile: Callable[[], None], known: list[Future[dict[str, int]]]) -> None:
    layouts: deque[int] = deque(range(len(jobs)))
    ready: deque[int] = deque()  # laid out, DOCX to write
    steps: dict[Future[Any], tuple[str, int]] = {}  # a running step: ("pdf" or "docx", job index)
    awaited = {known[index]: index for index in range(len(jobs))}  # layouts not yet heard of
    pdfs: dict[int, Laid] = {}
    docx_seconds: dict[int, float] = {}
    waiting = meanwhile
    while layouts or ready or steps:
        while len(steps) < workers and (ready or layouts):
            if ready:
                index = ready.popleft()
                job, work = jobs[index]
                steps[pool.submit(docx_step, job, setting, work, known[index].result())] = ("docx", index)
            else:
                index = layouts.popleft()
                job, work = jobs[index]
                steps[pool.submit(pdf_step, job, setting, work, index)] = ("pdf", index)
        waiting()
        waiting = _nothing
        done, _ = wait([*steps, *awaited], return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: awaited[f] if f in awaited else steps[f][1]):
            if future in awaited:
                ready.append(awaited.pop(future))
                continue
            step, index = steps.pop(future)
            outcome = future.result()
            if step == "pdf":
                assert isinstance(outcome, (Laid, Failure))
                pdfs[index] = _unwrap(outcome)  # its layout was said before it returned
            else:
                assert isinstance(outcome, (float, Failure))
                docx_seconds[index] = _unwrap(outcome)
            if index in pdfs and index in docx_seconds:
                finished(index, _plus(pdfs[index], docx_seconds[index]))


def pool_size(workers: int, jobs: int) -> int:
    """The steps run at once for ``jobs`` when ``workers`` are allowed: up to two a job, as a job's DOCX
    is written while its PDF still is; one (the jobs run in this process) when one is allowed."""
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
