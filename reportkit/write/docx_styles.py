"""Style look-ups remembered for one Word document.

python-docx finds a style by name, and checks whether it is the default, by scanning every style
in styles.xml, once per paragraph: about half of the DOCX writer's time. A style's id never
changes while a document is written, so each answer is remembered. The output is unchanged.
"""

from __future__ import annotations

from typing import Any


def remember_style_ids(document: Any) -> None:
    """Make ``document`` (a python-docx Document) look each style up once."""
    part = document.part
    look_up = part.get_style_id
    known: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if style_or_name is None:
            return None
        name = style_or_name if isinstance(style_or_name, str) else f"id:{style_or_name.style_id}"
        key = (name, style_type)
        if key not in known:
            known[key] = look_up(style_or_name, style_type)
        return known[key]

    part.get_style_id = get_style_id
