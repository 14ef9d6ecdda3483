"""WCAG contrast of the theme's colour pairs: 4.5:1 for text, 3:1 for graphics against the page."""

from __future__ import annotations

from ..read.yamlfile import line_of, load_yaml
from ..theme import Theme
from .findings import Finding

WHITE = "#FFFFFF"


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_theme(theme: Theme) -> list[Finding]:
    spec = theme.spec
    colours = spec.colours
    # (what, foreground, background, where the foreground is set in theme.yaml)
    text_pairs = [(name, getattr(colours, name), WHITE, ("colours", name))
                  for name in ("text", "heading", "muted", "accent")]
    text_pairs += [("text on table_header_fill", colours.text, colours.table_header_fill,
                    ("colours", "table_header_fill")),
                   ("text on callout_fill", colours.text, colours.callout_fill, ("colours", "callout_fill"))]
    text_pairs += [(f"rag {name} text", getattr(spec.rag, name).text, getattr(spec.rag, name).fill, ("rag", name))
                   for name in ("green", "amber", "red")]
    graphic = [(f"rag {name} fill", getattr(spec.rag, name).fill, ("rag", name)) for name in ("green", "amber", "red")]
    graphic += [(f"palette colour {i + 1}", c, ("colours", "palette")) for i, c in enumerate(colours.palette)]
    path = theme.folder / "theme.yaml"
    raw = load_yaml(path)
    found = []
    for name, foreground, background, keys in text_pairs:
        ratio = contrast(foreground, background)
        if ratio < 4.5:
            found.append(Finding("access/contrast", path, line_of(raw, *keys), None,
                                 f"{name} {foreground} on {background} is {ratio:.1f}:1, under 4.5:1 for text"))
    for name, colour, keys in graphic:
        ratio = contrast(colour, WHITE)
        if ratio < 3:
            found.append(Finding("access/contrast", path, line_of(raw, *keys), None,
                                 f"{name} {colour} on white is {ratio:.1f}:1, under 3:1 for graphics"))
    return found
