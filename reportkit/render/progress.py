"""What a build says while it runs: a line per document as it finishes, and a summary at the end.

When the output is not a terminal only the per-document lines are printed (no start line), so
logs stay short; ``quiet`` prints nothing but warnings.
"""

from __future__ import annotations

import sys
from typing import TextIO

_warned: set[str] = set()


class Progress:
    def __init__(self, quiet: bool = False, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.quiet = quiet
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def started(self, to_render: int, total: int, workers: int) -> None:
        if not self.quiet and self.out.isatty() and to_render:
            plural = "s" if workers != 1 else ""
            print(f"rendering {to_render} of {total} documents with {workers} worker{plural}", file=self.out,
                  flush=True)

    def document(self, name: str, seconds: float | None) -> None:
        if self.quiet:
            return
        took = "from the cache" if seconds is None else f"{seconds:5.1f} s"
        print(f"  {name:<34} {took}", file=self.out, flush=True)

    def warn_once(self, message: str) -> None:
        """Say ``message`` on the error stream, the first time only in this process."""
        if message not in _warned:
            _warned.add(message)
            print(f"warning: {message}", file=self.err, flush=True)


class Silent(Progress):
    """For builds run from code (tests, benchmarks): nothing printed."""

    def __init__(self) -> None:
        super().__init__(quiet=True)

    def warn_once(self, message: str) -> None:
        return None
