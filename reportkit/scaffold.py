"""``reportkit new theme`` and ``reportkit new pack``: a commented starting point that builds at once.

Nothing is overwritten: a folder that exists already is an error.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .errors import ContentError

FOLDER_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

THEME = """\
# {name}: a house style that extends '{base}'. Set only what differs; every other key, and the
# fonts, come from '{base}'. Each key, its default and what it changes are listed in README.md
# under "Add your council's house style".
extends: {base}

council: {council}

# colours: {{heading: "#12436D", accent: "#12436D"}}   # hex colours; text keeps 4.5:1 contrast
# sizes: {{body: 12, heading1: 16}}                     # points

wording:
  header_left: {council}
  footer: "Page {{page}} of {{pages}}"                   # or "{{page}}" for the number alone
  # footer_position: center                            # left, center or right
  # classification_marking: true                       # the paper's classification, top right

numbering:
  headings: true                                       # false: unnumbered section headings
  paragraphs: hierarchical                             # hierarchical (1.1, 1.2), flat (1., 2.) or none
  appendices: numbers                                  # numbers (Appendix 1) or letters (Appendix A)
  # captions: document                                 # or appendix: Table A.1 in Appendix A
  # sub_points: as written                             # or "a)", "(a)", "i)": lists under a paragraph

report:
  front:
    style: fields                                      # fields (a table) or banner
    # banner_lines: ["Report of the {{from}}"]
    # fields:                                          # which fields, in this order, with your labels
    #   - {{field: from, label: From}}
    #   - {{field: summary, label: Summary}}
  # required: [summary, recommendations]
  # closing:                                           # the sections written at the end, in order
  #   - {{section: recommendations}}
  #   - {{section: background, title: Background papers}}
  #   - {{section: appendices}}
  #   - {{section: authors, title: Officers to contact}}
  # contacts: {{phone: "Tel:", email: "Email:"}}

contact:
  email_domains: [{name}.gov.uk]                       # addresses outside these are flagged by check
  phone_pattern: ""                                    # e.g. '^\\d{{5}} \\d{{6}}$'; empty: not checked
  # alternative_formats: {{phone: ..., email: ...}}     # for the "other formats" box in publications
"""

PACK = """\
# {name}: one committee report. Build it with: python build.py {name}
title: {title}
theme: {theme}
date: {day}                 # the meeting; it also fixes every date inside the outputs
documents:
  - report.md
"""

REPORT = """\
---
type: committee-report
from:
  - name: Your Cabinet Member
    role: Cabinet Member for Adult Social Care
to:
  committee: Your Committee
  date: {day}
subject: {title}
summary: One or two sentences saying what the report is about. The latest figure is {{{{ example.waiting.latest }}}}.
recommendations: The Committee is asked to NOTE the report.
authors:
  - name: Your Name
    role: Your job title
    phone: 03000 000000
    email: your.name@{domain}
---
# Introduction

Write the report here. Each paragraph is numbered for you; do not type numbers. {{#intro}}

The number of people waiting fell to {{{{ example.waiting.latest }}}}, a change of {{{{ example.waiting.change }}}} on
the quarter before, as {{@waiting}} shows.

# Detail

```table
data: example
caption: People waiting by quarter
label: waiting
```
"""

DATA = """\
# source: illustrative figures to replace with your own
# illustrative: all
measure,label,unit,Q1 2025/26,Q2 2025/26
waiting,People waiting,count,120,104
"""


def _new_folder(parent: Path, name: str, what: str) -> Path:
    if not FOLDER_NAME.match(name):
        raise ContentError(parent / name, None, f"'{name}' is not a plain folder name for a {what}",
                           "use lower-case letters, digits and hyphens, such as my-council")
    folder = parent / name
    if folder.exists():
        raise ContentError(folder, None, f"a {what} called '{name}' exists already", "choose another name")
    return folder


def new_theme(root: Path, name: str, base: str) -> Path:
    templates = root / "templates"
    if not (templates / base / "theme.yaml").is_file():
        raise ContentError(templates / base, None, f"no theme called '{base}' to extend",
                           "name a folder under templates/, such as kent")
    folder = _new_folder(templates, name, "theme")
    folder.mkdir(parents=True)
    council = name.replace("-", " ").title()
    (folder / "theme.yaml").write_text(THEME.format(name=name, base=base, council=council), encoding="utf-8")
    return folder


def new_pack(root: Path, name: str, theme: str, day: date) -> Path:
    if not (root / "templates" / theme / "theme.yaml").is_file():
        raise ContentError(root / "templates" / theme, None, f"no theme called '{theme}'",
                           "make one with: reportkit new theme NAME --extends kent")
    folder = _new_folder(root / "content", name, "pack")
    (folder / "data").mkdir(parents=True)
    title = name.replace("-", " ").capitalize()
    (folder / "pack.yaml").write_text(PACK.format(name=name, title=title, theme=theme, day=day), encoding="utf-8")
    from .theme import load_theme

    domains = load_theme(root / "templates", theme, (folder / "pack.yaml", None)).spec.contact.email_domains
    domain = domains[0] if domains else "example.gov.uk"
    (folder / "report.md").write_text(REPORT.format(title=title, day=day, domain=domain), encoding="utf-8")
    (folder / "data" / "example.csv").write_text(DATA, encoding="utf-8")
    return folder
