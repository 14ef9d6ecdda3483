"""The one error type authors see: where, what, and how to fix it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class ContentError(Exception):
    """A mistake in content or data, reported as ``file:line: message`` plus a hint."""

    path: Path | str
    line: int | None
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def located(self, root: Path | None = None) -> str:
        path = Path(self.path)
        if root is not None:
            # the path as written, links not followed: a link's target is no business of the message
            with contextlib.suppress(ValueError):
                path = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
        where = f"{path}:{self.line}" if self.line else f"{path}"
        text = f"{where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def __str__(self) -> str:
        return self.located()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known word, or listing the known ones."""
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    names = sorted(choices)
    known = ", ".join(names[:12]) + (f" and {len(names) - 12} more (see README.md)" if len(names) > 12 else "")
    return f"known names are: {known}" if known else "nothing of that kind is defined"
