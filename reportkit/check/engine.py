"""Run every rule over a pack: the build's own validation, then the words, the data, the model and the theme.

Charts are laid out but not drawn, so a check is quick whatever the chart cache holds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import confine
from ..errors import ContentError
from ..model import Document, Figure, Heading, Paragraph, Table, plain_text
from ..pack import Pack
from ..papers import read_pack
from ..read.frontmatter import read_markdown_file
from ..read.yamlfile import line_of
from ..walk import nodes_of
from .agreement import check_agreement
from .contrast import check_theme
from .figures import check_data
from .findings import RULES, Finding
from .text import TextContext, check_lines, reading_ease

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check_pack(root: Path, name: str, sentence_words: int = 25) -> list[Finding]:
    try:
        pack, documents = read_pack(root, name, draw_charts=False)
        return check_documents(pack, documents, sentence_words)
    except ContentError as error:
        return [Finding("content", Path(error.path), error.line, None,
                        f"{error.message} ({error.hint})" if error.hint else error.message)]


def check_documents(pack: Pack, documents: list[Document], sentence_words: int = 25,
                    information: bool = True) -> list[Finding]:
    """The rules beyond the build's own validation, over a pack that has been read.

    ``information`` False leaves out the information-only findings (reading ease), which the build
    would only discard.
    """
    theme = pack.context.theme.spec
    anchors = frozenset(node.anchor for doc in documents for node in nodes_of(doc, (Heading, Paragraph, Table, Figure))
                        if node.anchor)
    context = TextContext(tuple(theme.contact.email_domains), theme.contact.phone_pattern, sentence_words, anchors)
    pack_file = pack.folder / "pack.yaml"
    with confine.confined(pack.folder):
        findings = check_lines(pack_file, confine.read_text(pack_file), context, prose=False)
        for path in sorted(p for p in pack.folder.rglob("*.md") if p.is_file()):  # never a folder or a pipe
            text = confine.read_text(path)
            findings += check_lines(path, text, context)
            findings += _meeting_date(path, pack.spec.date)
            if information:
                findings.append(reading_ease(path, text))
    findings += check_data(pack.context.datasets)
    findings += check_theme(pack.context.theme)
    findings += check_agreement(pack, documents)
    for doc in documents:
        findings += _tables_without_headers(doc, pack.folder / "pack.yaml")
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], str(f.path), f.line or 0, f.column or 0))


def _meeting_date(path: Path, meeting: date) -> list[Finding]:
    try:
        source = read_markdown_file(path)
    except ContentError:  # not a document with fields (notes kept in the pack): nothing to compare
        return []
    to = source.meta.get("to")
    if source.meta.get("type") != "committee-report" or not isinstance(to, dict) or to.get("date") == meeting:
        return []
    return [Finding("text/meeting-date", path, line_of(to, "date"), None,
                    f"the report is to the meeting of {to.get('date')} but the pack is for {meeting}")]


def _tables_without_headers(doc: Document, where: Path) -> list[Finding]:
    def empty(table: Table) -> bool:
        return not table.header or all(not plain_text(c.content).strip() and not c.blocks
                                       for row in table.header for c in row)

    return [Finding("access/table-headers", where, None, None, f"'{table.caption_line or 'a table'}' in {doc.slug} "
                    f"has no header row") for table in nodes_of(doc, Table) if empty(table)]


def summary(findings: list[Finding]) -> str:
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITY_ORDER}
    return ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for s, n in counts.items())




class ChecksFailed(Exception):
    """The build found error-level findings: it publishes nothing."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} errors")
        self.findings = findings


__all__ = ["RULES", "ChecksFailed", "Finding", "check_documents", "check_pack", "summary"]
