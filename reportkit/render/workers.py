"""Writing documents in worker processes: each PDF, then its DOCX with the pages the PDF laid out.

Every output is a function of its job and the setting alone, so the bytes are the same whatever
the number of workers or the order they finish in. A DOCX waits only for its own PDF's layout:
the PDFs of other documents go on meanwhile. At most one step per worker is handed out at a time,
so a DOCX whose layout is known goes before the next PDF.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path

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
        pages = write_pdf(job.pdf, setting.theme, setting.resources, target)
    except ContentError as error:
        return Failure(str(error.path), error.line, error.message, error.hint)
    return Laid(pages, time.perf_counter() - started)


def docx_step(job: Job, setting: Setting, work: Path, pages: dict[str, int]) -> float:
    from ..write.docx import write_docx

    started = time.perf_counter()
    write_docx(job.docx, setting.theme, work / job.outputs()[1], setting.when, pages)
    return time.perf_counter() - started


Finished = Callable[[int, Laid], None]  # job index, its PDF's layout, with the seconds of both writers


def run(jobs: list[tuple[Job, Path]], setting: Setting, workers: int, finished: Finished) -> None:
    """Render each job into its folder; ``finished`` hears of each as its DOCX is written."""
    if workers <= 1 or len(jobs) <= 1:
        for index, (job, work) in enumerate(jobs):
            laid = _unwrap(pdf_step(job, setting, work))
            finished(index, _plus(laid, docx_step(job, setting, work, laid.pages)))
        return
    _preload()
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        _schedule(pool, jobs, setting, workers, finished)


def _schedule(pool: ProcessPoolExecutor, jobs: list[tuple[Job, Path]], setting: Setting, workers: int,
              finished: Finished) -> None:
    layouts: deque[int] = deque(range(len(jobs)))
    ready: deque[tuple[int, Laid]] = deque()  # laid out, DOCX to write
    running: dict[Future[object], tuple[int, Laid | None]] = {}  # None: the PDF step
    while layouts or ready or running:
        while len(running) < workers and (ready or layouts):
            if ready:
                index, laid = ready.popleft()
                job, work = jobs[index]
                running[pool.submit(docx_step, job, setting, work, laid.pages)] = (index, laid)
            else:
                index = layouts.popleft()
                job, work = jobs[index]
                running[pool.submit(pdf_step, job, setting, work)] = (index, None)
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: running[f][0]):
            index, before = running.pop(future)
            outcome = future.result()
            if before is None:
                assert isinstance(outcome, (Laid, Failure))
                ready.append((index, _unwrap(outcome)))
            else:
                assert isinstance(outcome, float)
                finished(index, _plus(before, outcome))


def _plus(laid: Laid, seconds: float) -> Laid:
    return Laid(laid.pages, laid.seconds + seconds, laid.uses)


def _unwrap(outcome: Laid | Failure) -> Laid:
    if isinstance(outcome, Failure):
        raise ContentError(outcome.path, outcome.line, outcome.message, outcome.hint)
    return outcome


def _preload() -> None:
    """Import the writers' libraries once, before the workers fork, so each does not import them again."""
    import docx  # noqa: F401
    import weasyprint  # noqa: F401

    from ..write import docx as _docx_writer  # noqa: F401
    from ..write import pdf as _pdf_writer  # noqa: F401


def _context() -> BaseContext:
    import multiprocessing

    # fork shares the imported libraries with the workers; elsewhere each worker imports them itself
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)
