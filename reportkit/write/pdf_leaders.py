"""A contents entry's leader dots laid out as one run of text, not one box per dot.

WeasyPrint (v70) fills a CSS ``leader()`` with a copy of the leader's text box for every dot, each
drawn and tagged on its own: the self-assessment's 72 contents entries made about 7,000 boxes and
0.6 s of drawing. The wrapper lets WeasyPrint place the dots as it always does, then replaces them
with one text box holding as many dots, starting where the first one did: the same glyphs in the
same places, drawn as one run.
"""

from __future__ import annotations

from typing import Any


def install() -> None:
    """Wrap WeasyPrint's leader layout once."""
    from weasyprint.layout import inline, leader
    from weasyprint.text.line_break import split_first_line

    original = inline.handle_leader
    if getattr(original, "one_run", False):
        return

    def one_run(context: Any, line: Any, containing_block: Any) -> None:
        original(context, line, containing_block)
        index, box = leader.leader_index(line)
        if index is None or len(box.children) < 2:
            return
        first = box.children[-1]  # placed from the right: the last is the leftmost
        text = first.text * len(box.children)
        run = first.copy_with_text(text)
        run.pango_layout, _, _, run.width, _, _ = split_first_line(text, first.style, context, None, 0,
                                                                   is_line_start=False)
        box.children = (run,)

    one_run.one_run = True  # type: ignore[attr-defined]
    inline.handle_leader = one_run
