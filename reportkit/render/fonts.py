"""The native libraries WeasyPrint lays text out with, found without importing WeasyPrint (so that a
build whose documents all come from the cache stays quick): which font subsetter it will use
(HarfBuzz's, or fontTools: slower, and other bytes), and the versions that shape the output.
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
_PANGO_NAMES = ("libpango-1.0-0", "pango-1.0-0", "pango-1.0", "libpango-1.0.so.0", "libpango-1.0.dylib",
                "libpango-1.0-0.dll")
_FONTCONFIG_NAMES = ("libfontconfig-1", "fontconfig-1", "fontconfig", "libfontconfig.so.1", "libfontconfig.1.dylib",
                     "libfontconfig-1.dll")


def _load(names: tuple[str, ...]) -> ctypes.CDLL | None:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def _version(names: tuple[str, ...], function: str, text: bool = False) -> str:
    library = _load(names)
    if library is None:
        return "missing"
    call = getattr(library, function)
    if text:
        call.restype = ctypes.c_char_p
        return str(call().decode())
    return str(call())


@lru_cache(maxsize=1)
def library_versions() -> tuple[tuple[str, str], ...]:
    """Pango, HarfBuzz and Fontconfig versions: an upgrade of any of them may move a line break."""
    return (("pango", _version(_PANGO_NAMES, "pango_version")),
            ("harfbuzz", _version(_HARFBUZZ_NAMES, "hb_version_string", text=True)),
            ("fontconfig", _version(_FONTCONFIG_NAMES, "FcGetVersion")))


@lru_cache(maxsize=1)
def font_subsetter() -> str:
    harfbuzz = _load(_HARFBUZZ_NAMES)
    if _load(_SUBSET_NAMES) is None or harfbuzz is None:
        return FONTTOOLS
    return HARFBUZZ if harfbuzz.hb_version_atleast(4, 1, 0) else FONTTOOLS
