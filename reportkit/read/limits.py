"""The limits on what content may ask of a build, each refused with a clear message.

A YAML file may nest only so deep and use only a few aliases (an alias bomb multiplies a small
file into gigabytes); a KPI or a measure table has at most so many periods; a number must be
finite and of a size a chart can draw (checked where numbers are parsed,
:func:`reportkit.compute.numbers.parse_number`); a picture must be a PNG or JPEG of reasonable pixel count.
The file-size limits live with the confinement rule (:mod:`reportkit.confine`).
"""

from __future__ import annotations

from pathlib import Path

from .. import confine
from ..errors import ContentError

MAX_YAML_DEPTH = 32
MAX_YAML_ALIASES = 16
MAX_PERIODS = 240  # twenty years of months
MAX_IMAGE_PIXELS = 40_000_000  # about 7,700 pixels square: more than print at 300 dpi needs
IMAGE_FORMATS = frozenset({"PNG", "JPEG"})


def check_periods(count: int, path: Path, line: int | None, what: str) -> None:
    if count > MAX_PERIODS:
        raise ContentError(path, line, f"{what} has {count:,} periods, over the limit of {MAX_PERIODS}",
                           "keep the periods the committee needs to see; archive the older ones in another file")


def check_image(path: Path, cited_at: tuple[Path, int | None]) -> tuple[int, int]:
    """A picture must be a PNG or JPEG (both writers can place those) of at most MAX_IMAGE_PIXELS;
    its size in pixels, width by height."""
    from PIL import Image, UnidentifiedImageError

    confine.checked_file(path, confine.MAX_BINARY_BYTES, cited_at)
    name = confine.shown(path.name)
    hint = "export the picture as a PNG or JPEG file"
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        raise ContentError(*cited_at, f"image '{name}' has more than {MAX_IMAGE_PIXELS:,} pixels",
                           "scale it down: 2,000 pixels across prints sharply") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ContentError(*cited_at, f"image '{name}' is not a picture that can be read", hint) from None
    if kind not in IMAGE_FORMATS:
        raise ContentError(*cited_at, f"image '{name}' is a {kind} file, which Word and PDF cannot both place", hint)
    if width * height > MAX_IMAGE_PIXELS:
        raise ContentError(*cited_at, f"image '{name}' is {width:,} by {height:,} pixels, over the limit of "
                           f"{MAX_IMAGE_PIXELS:,} pixels", "scale it down: 2,000 pixels across prints sharply")
    return width, height
