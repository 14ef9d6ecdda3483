"""Which font subsetter WeasyPrint will use: HarfBuzz's, or fontTools (slower, and other bytes).

Found the way WeasyPrint finds it (the same library names, and HarfBuzz 4.1 or later), without
importing WeasyPrint, so that a build whose documents all come from the cache stays quick.
"""

from __future__ import annotations

import ctypes
from functools import lru_cache

HARFBUZZ = "HarfBuzz"
FONTTOOLS = "fontTools"
MISSING_HINT = ("the HarfBuzz subsetter (libharfbuzz-subset0) is missing: fonts are subset with fontTools, "
                "which is slower and gives other bytes (install libharfbuzz-subset0)")

_SUBSET_NAMES = ("libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0", "libharfbuzz-subset.so.0",
                 "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")
_HARFBUZZ_NAMES = ("libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.so.0", "libharfbuzz.0.dylib",
                   "libharfbuzz-0.dll")


def _load(names: tuple[str, ...]) -> ctypes.CDLL | None:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


@lru_cache(maxsize=1)
def font_subsetter() -> str:
    harfbuzz = _load(_HARFBUZZ_NAMES)
    if _load(_SUBSET_NAMES) is None or harfbuzz is None:
        return FONTTOOLS
    return HARFBUZZ if harfbuzz.hb_version_atleast(4, 1, 0) else FONTTOOLS
