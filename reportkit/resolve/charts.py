"""Draw charts once: a chart is cached under a hash of its data, its style and the code that draws it."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

import charts
from charts import ChartData, ChartStyle

from ..theme import Theme

_CHARTS_DIR = Path(charts.__file__).parent


def chart_style(theme: Theme) -> ChartStyle:
    spec = theme.spec
    return ChartStyle(
        font_files=tuple(str(p) for p in theme.font_faces.values()),
        font_family=spec.fonts.family,
        palette=tuple(spec.colours.palette),
        text_colour=spec.colours.text,
        grid_colour=spec.colours.rule,
    )


def _code_fingerprint() -> str:
    """The chart code and matplotlib version: a change to either redraws every chart."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("matplotlib").encode())
    for path in sorted(_CHARTS_DIR.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


_FINGERPRINT = _code_fingerprint()


def chart_key(data: ChartData, style: ChartStyle) -> str:
    style_fields = asdict(style)
    style_fields["font_files"] = [Path(p).name for p in style.font_files]  # not the clone path
    payload = json.dumps({"data": asdict(data), "style": style_fields, "code": _FINGERPRINT},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def render_chart(data: ChartData, style: ChartStyle, cache_dir: Path, draw: bool = True) -> Path:
    """The PNG for ``data``: from the cache when the same chart was drawn before.

    With ``draw`` False only the path is worked out (a check validates charts without drawing them).
    """
    target = cache_dir / f"{chart_key(data, style)}.png"
    if target.is_file() or not draw:
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    png = charts.draw(data, style)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(png)
    partial.replace(target)
    return target
