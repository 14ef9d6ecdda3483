"""What every render of one build shares, handed to each worker with its job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..theme import Theme
from ..write.resources import Resources
from .cache import Keying, RenderCache


@dataclass(frozen=True)
class Setting:
    theme: Theme
    resources: Resources
    when: datetime
    cache: RenderCache  # a bound pack keeps its pieces here
    keying: Keying
    processes: int = 1  # how many processes one render may use at once (the build's workers)

    @property
    def epoch(self) -> int:
        return int(self.when.timestamp())
