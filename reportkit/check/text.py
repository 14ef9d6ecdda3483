"""Rules that read the words of a content file: left-in placeholders, malformed periods, contacts,
links and plain English. Each finding points at the line and column it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..compute.periods import PeriodError, parse_financial_year, parse_period
from .findings import Finding

PLACEHOLDER = re.compile(r"\b(TODO|TBC|TBD|XX+)\b|\[insert[^\]]*\]", re.IGNORECASE)
URL = re.compile(r"(https?://|mailto:)\S+")
YEAR = re.compile(r"(?<![\d/])(\d{4}/\d{2,4})(?![\d/])")
QUARTER = re.compile(r"\bQ\d+ \d{4}/\d{2,4}\b")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
PHONE = re.compile(r"(?<![\d])0\d{2,4}(?: ?\d){6,8}(?!\d)")
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "link", "this link", "this page"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


@dataclass(frozen=True)
class TextContext:
    email_domains: tuple[str, ...]
    phone_pattern: str
    sentence_words: int
    anchors: frozenset[str]  # every heading anchor of the pack's documents


def _blank_urls(line: str) -> str:
    """The line with web and mail addresses blanked (same length), so '/2024/10/' in a URL is not a year."""
    return URL.sub(lambda m: " " * len(m.group(0)), line)


def check_lines(path: Path, text: str, ctx: TextContext, prose: bool = True) -> list[Finding]:
    """Every text rule over one file; fenced blocks are skipped for prose rules but not for placeholders.

    ``prose`` False (pack.yaml) leaves out the plain-English rules: the file is all fields.
    """
    findings: list[Finding] = []
    fenced = False
    in_front_matter = text.startswith("---") or not prose
    for number, line in enumerate(text.split("\n"), start=1):
        if number > 1 and in_front_matter and prose and line.strip() == "---":
            in_front_matter = False
            continue
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        findings += _placeholders(path, number, line)
        plain = _blank_urls(line)
        findings += _periods(path, number, plain)
        findings += _contacts(path, number, line, plain, ctx)
        findings += _links(path, number, line, ctx)
        if not fenced and not in_front_matter:
            findings += _sentences(path, number, line, ctx)
    return findings


def _placeholders(path: Path, number: int, line: str) -> list[Finding]:
    return [Finding("text/placeholder", path, number, m.start() + 1, f"'{m.group(0)}' left in the text")
            for m in PLACEHOLDER.finditer(line)]


def _periods(path: Path, number: int, line: str) -> list[Finding]:
    found = []
    quarters = list(QUARTER.finditer(line))
    for match in quarters:
        try:
            parse_period(match.group(0))
        except PeriodError as exc:
            found.append(Finding("text/period", path, number, match.start() + 1, str(exc)))
    inside_quarter = {i for m in quarters for i in range(m.start(), m.end())}
    for match in YEAR.finditer(line):
        if match.start() in inside_quarter:
            continue
        try:
            parse_financial_year(match.group(1))
        except PeriodError as exc:
            found.append(Finding("text/period", path, number, match.start() + 1, str(exc)))
    return found


def _contacts(path: Path, number: int, line: str, plain: str, ctx: TextContext) -> list[Finding]:
    found = []
    for match in EMAIL.finditer(line):
        domain = match.group(1).lower()
        if ctx.email_domains and not any(domain == d or domain.endswith("." + d) for d in ctx.email_domains):
            found.append(Finding("text/email-domain", path, number, match.start() + 1,
                                 f"'{match.group(0)}' is not at {' or '.join(ctx.email_domains)}"))
    for match in PHONE.finditer(plain):
        if ctx.phone_pattern and not re.fullmatch(ctx.phone_pattern, match.group(0).strip()):
            found.append(Finding("text/phone", path, number, match.start() + 1,
                                 f"'{match.group(0).strip()}' is not in the council's phone format"))
    return found


def _links(path: Path, number: int, line: str, ctx: TextContext) -> list[Finding]:
    found = []
    for match in LINK.finditer(line):
        text, target = match.group(1).strip(), match.group(2)
        if text.lower().rstrip(".") in VAGUE_LINK_TEXT:
            found.append(Finding("access/link-text", path, number, match.start() + 1,
                                 f"the link text '{text}' does not say where it goes"))
        if target.startswith("#") and target[1:] not in ctx.anchors:
            found.append(Finding("text/link", path, number, match.start() + 1,
                                 f"no heading has the anchor '{target}'"))
    return found


def _sentences(path: Path, number: int, line: str, ctx: TextContext) -> list[Finding]:
    prose = re.sub(r"^\s*(?:[-*+]|\d+\.|>|#+)\s*", "", line)
    if not prose or prose.startswith("|") or prose.startswith("Table:"):
        return []
    found = []
    offset = len(line) - len(prose)
    position = 0
    for sentence in SENTENCE_END.split(prose):
        start = prose.find(sentence, position)
        position = start + len(sentence)
        words = len(re.findall(r"[A-Za-z0-9£%'’-]+", re.sub(r"\{\{[^}]*\}\}", "n", sentence)))
        if words > ctx.sentence_words:
            found.append(Finding("plain/sentence-length", path, number, offset + start + 1,
                                 f"a sentence of {words} words (over {ctx.sentence_words})"))
    return found


def reading_ease(path: Path, text: str) -> Finding:
    """The Flesch reading ease of the file's prose, reported as information."""
    import textstat

    textstat.set_lang("en_GB")
    body = text.split("\n---", 1)[-1] if text.startswith("---") else text
    prose = re.sub(r"```.*?```", " ", body, flags=re.S)
    prose = re.sub(r"\{\{[^}]*\}\}", "many", prose)
    score = textstat.flesch_reading_ease(prose) if prose.strip() else 100.0
    return Finding("plain/reading-ease", path, None, None, f"Flesch reading ease {score:.0f}")
