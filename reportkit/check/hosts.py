"""Links to a near-miss of the council's own web domain (kant.gov.uk for kent.gov.uk)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path
from urllib.parse import urlsplit

from .findings import Finding

URL = re.compile(r"https?://[^\s)\"'<>\]]+", re.IGNORECASE)
NEAR_MISS = 0.8  # similarity (difflib's ratio) above which a different host reads as a slip for the council's


def near_miss(host: str, domains: tuple[str, ...]) -> str | None:
    """The council domain ``host`` looks like a slip for, or None (its own domains and their subdomains pass)."""
    host = host.lower().rstrip(".")
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return None
    for domain in domains:
        tail = ".".join(host.split(".")[-len(domain.split(".")):])
        if tail != domain and SequenceMatcher(None, tail, domain).ratio() >= NEAR_MISS:
            return domain
    return None


def check_link_hosts(path: Path, text: str, domains: tuple[str, ...]) -> list[Finding]:
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in URL.finditer(line):
            try:
                host = urlsplit(match.group(0)).hostname or ""
            except ValueError:  # not a web address at all ('http://[::1'): nothing to compare
                continue
            domain = near_miss(host, domains)
            if domain:
                found.append(Finding("text/link-host", path, number, match.start() + 1,
                                     f"the link goes to '{host}', which is not {domain}"))
    return found
