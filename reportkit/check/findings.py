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


# Prose that agrees with its data (typed figures, claims, periods, references, plausibility, link hosts)
AGREEMENT_RULES: tuple[Rule, ...] = (
    Rule("figures/typed", "error", "'£1.2m' typed beside 'Expected spend in the first contract year', which is "
         "£1,700,000; 10,047 where the data holds 10,074; a KPI target typed as 85% where it is 80%",
         "cite the value by name, or list the figure in the "
         "pack's check.yaml if it is right as typed"),
    Rule("figures/keyed-twice", "error", "'Enquiries received' keyed as 564 in a figures file while the measure "
         "table holds 530, 471 and 503", "keep the figure in one data file and cite it from there"),
    Rule("figures/typed-change", "error", "'a change of 12%' where informal concerns went from 286 to 175 "
         "(-38.8%); or 'up 3%' for 62% to 65%, which is 3 percentage points",
         "cite the measure's pct_change or change, or write the change the "
         "figures give (percentage points for percentages)"),
    Rule("figures/table-sum", "error", "a typed table whose Total row says £13,000,000 under £9,800,000 and "
         "£4,200,000", "correct the rows or the total so they add up (or build the table from data with totals)"),
    Rule("claims/direction", "error", "'following a large increase the year before' where enquiries went from "
         "530 to 471; a chart title saying 'rose' over a measure that fell", "make the words say what the data "
         "shows, or cite the measure's change"),
    Rule("claims/rating", "error", "'rated Green' or '↑' typed beside a KPI the dashboard rates Amber or that went "
         "down", "cite the KPI's rating or direction by name instead of typing it"),
    Rule("claims/order", "error", "a chart title saying Ashford and Thanet have the most beds where "
         "Dartford and Thanet do", "name the bars the data puts first (the chart's sort shows them)"),
    Rule("claims/comparison", "error", "'compares well with England' beside a survey measure where Kent is 34% and "
         "England 47% (higher is better), or 'worsening' beside one that improved", "say how the council compares "
         "as the survey shows (the survey table computes it)"),
    Rule("dates/period", "error", "'Q1 2025/26' typed beside a citation of the Q4 2025/26 figure, or a caption "
         "naming a year its data does not have", "type the period the figure is for, or cite the period by name"),
    Rule("dates/weekday", "error", "'Tuesday 12 November 2025', which is a Wednesday", "correct the weekday or "
         "the date"),
    Rule("dates/weekend", "error", "a meeting dated Saturday 15 November 2025", "give the meeting's real date "
         "(the working week is the theme's meeting: working_days)"),
    Rule("dates/tense", "error", "'was agreed on 3 December 2025' in a paper for the 12 November 2025 meeting",
         "write about later dates in the future tense, or correct the date"),
    Rule("refs/paragraph", "error", "'paragraph 9.7' or 'Section 14 sets out' in a paper that has no such "
         "paragraph or section", "refer to a paragraph the paper has (numbers move when paragraphs are added)"),
    Rule("refs/appendix", "error", "'Appendix 2' in a report with one appendix", "refer to an appendix the report "
         "lists, or add the appendix to its front matter"),
    Rule("refs/name-spelling", "warning", "'Mr R Mayal' in the minutes and 'Mr R Mayall' in the membership",
         "spell the name the same way everywhere (two people with near-identical names may be right)"),
    Rule("refs/work-programme", "error", "the work programme lists 'Long-Acting Reversible Contraception' as "
         "item 11 of this meeting, the agenda as item 12", "list this meeting's items in the agenda's order"),
    Rule("data/percent-fraction", "error", "a percent measure stored as 0.77, 0.81 (printed '1%' and rated RED)",
         "store percentages as 77, 81"),
    Rule("data/outlier", "warning", "a quarter's value of 4,560 beside 452, 470 and 461", "check the value for a "
         "slipped digit; if it is right, the warning can stay"),
    Rule("data/shifted-row", "warning", "a record whose name sits under the count column, or a measure that alone "
         "has no value for the first quarter", "move the row's values back under their headings (a measure first "
         "collected later is right as it is)"),
    Rule("data/duplicate", "error", "the same record twice in a data file", "delete the repeated row"),
    Rule("data/case-variant", "error", "'On track' and 'On Track' in one status column, counted as two",
         "spell each category one way"),
    Rule("text/link-host", "error", "a link to https://www.kant.gov.uk/", "link to the council's own domain "
         "(the theme's contact: email_domains)"),
)
RULES.update({r.id: r for r in AGREEMENT_RULES})


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
