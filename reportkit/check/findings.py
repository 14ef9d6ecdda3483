"""What a check reports, and the rules it knows, each documented with what it catches and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    catches: str  # an example of what it catches
    fix: str


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("content", "error", "anything the build itself refuses: an unknown value, a bad period in data, a stated "
         "total that does not add up, an image without alt text", "the message says where and the hint how"),
    Rule("figures/share-total", "error", "a share column that sums to 293% where it should be about 100%",
         "compute each share from the table's own total, or name the base the shares are of"),
    Rule("figures/share-base", "error", "shares of all 1,064 complaints in a table whose own total is 362",
         "divide by the table's own total (or say in the caption what the base is and keep the shares out of "
         "the table)"),
    Rule("figures/two-values", "error", "'Complaints closed' given as 641 in one file and 1,072 in another",
         "keep one figure and cite it by name wherever it is needed"),
    Rule("figures/threshold", "warning", "a floor threshold of 24% beside an 85% target",
         "check the KPI's threshold: it is far from its target"),
    Rule("text/placeholder", "error", "TODO, TBC, XX or '[insert date]' left in the text",
         "write the missing words, or cite the value by name"),
    Rule("text/period", "error", "'2026/207' or 'Q5 2025/26' in prose", "write financial years like 2026/27 and "
         "quarters Q1 to Q4"),
    Rule("text/meeting-date", "error", "a report's To: date of 8 July 2026 in a pack for the 12 November 2025 meeting",
         "make the report's to: date the meeting's date in pack.yaml"),
    Rule("text/email-domain", "error", "an officer's address at kant.gov.uk", "use one of the council's domains "
         "(the theme's contact: email_domains)"),
    Rule("text/phone", "warning", "a phone number 03000 41 61 80 where the council writes 03000 416180",
         "write numbers in the council's format (the theme's contact: phone_pattern)"),
    Rule("text/link", "error", "a link to '#section-9' where no heading has that anchor",
         "link to a heading that exists, or to a full web address"),
    Rule("access/link-text", "warning", "a link whose text is 'click here' or 'here'",
         "make the link text say where it goes: 'the CQC assessment framework'"),
    Rule("access/contrast", "error", "theme text colour #999999 on white (2.8:1, under 4.5:1), or a chart colour "
         "under 3:1 against white", "choose darker colours in the theme"),
    Rule("access/table-headers", "error", "a table with no header row", "give every table a header row"),
    Rule("plain/sentence-length", "warning", "a sentence of 41 words where GOV.UK suggests 25 or fewer",
         "split the sentence; the limit is set with --sentence-words"),
    Rule("plain/reading-ease", "info", "the Flesch reading ease of each document (60 and over is plain English)",
         "shorter sentences and shorter words raise the score"),
)}


@dataclass(frozen=True)
class Finding:
    rule: str
    path: Path
    line: int | None
    column: int | None
    message: str

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def hint(self) -> str:
        return RULES[self.rule].fix

    def located(self, root: Path) -> str:
        try:
            path = self.path.resolve().relative_to(root.resolve())
        except ValueError:
            path = self.path
        where = str(path) + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.column else "")
        return f"{where}: {self.severity} [{self.rule}] {self.message} (hint: {self.hint})"

    def as_json(self, root: Path) -> dict[str, object]:
        try:
            path = self.path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            path = self.path.as_posix()
        return {"file": path, "line": self.line, "column": self.column, "rule": self.rule,
                "severity": self.severity, "message": self.message, "hint": self.hint}
