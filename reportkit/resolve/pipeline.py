"""The resolve pass: the transforms that complete a document read with pending nodes, in a fixed order.

1. values: cited values become their printed text;
2. tables: ```table blocks become tables, from the data;
3. charts: ```chart blocks get their data, and every chart is drawn (for a check, only placed);
4. numbering: headings, paragraphs, appendices and captions, under the theme's scheme;
5. cross-references: labels resolve to what numbering made of their targets;
6. callout titles: each a heading one level below the section it stands in;
7. contents: contents lists from the numbered headings.

Each step relies on those before it (a caption is numbered once tables exist; a reference prints a
number once numbering has run). After the pass no pending node is left (:func:`reportkit.model.pending_nodes`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import ChartBlock, DataBlock, Document, pending_nodes
from ..walk import replace
from .callouts import level_callouts
from .charts import chart_block, chart_figure
from .contents import fill_contents
from .context import ResolveContext
from .numbering import number_document
from .references import resolve_references
from .tables import resolve_table
from .values import resolve_values


def _tables(doc: Document, ctx: ResolveContext) -> Document:
    return replace(doc, lambda n: resolve_table(n, ctx) if isinstance(n, DataBlock) and n.kind == "table" else n)


def _charts(doc: Document, ctx: ResolveContext) -> Document:
    doc = replace(doc, lambda n: chart_block(n, ctx) if isinstance(n, DataBlock) and n.kind == "chart" else n)
    return replace(doc, lambda n: chart_figure(n, ctx) if isinstance(n, ChartBlock) else n)


TRANSFORMS: tuple[tuple[str, Callable[[Document, ResolveContext], Document]], ...] = (
    ("values", resolve_values),
    ("tables", _tables),
    ("charts", _charts),
    ("numbering", lambda doc, ctx: number_document(doc, ctx.theme.spec.numbering, ctx.theme.spec.references)),
    ("cross-references", lambda doc, ctx: resolve_references(doc, ctx.theme.spec.references)),
    ("callout titles", lambda doc, ctx: level_callouts(doc)),
    ("contents", lambda doc, ctx: fill_contents(doc)),
)


def resolve_document(doc: Document, ctx: ResolveContext) -> Document:
    for _, transform in TRANSFORMS:
        doc = transform(doc, ctx)
    left = pending_nodes(doc)
    assert not left, f"the resolve pass left {len(left)} pending nodes in {doc.slug}: {type(left[0]).__name__}"
    return doc
