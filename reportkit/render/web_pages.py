"""The web edition's pages kept in the render cache, so a build renders again only the pages whose
document, links, theme or toolkit changed (the same key as every other render)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..write.web_site import Page
from .cache import Keying, RenderCache

HTML_FILE, ASSETS_FILE = "page.html", "assets.json"


class CachedPages:
    """A :class:`~reportkit.write.web_site.PageStore` over the render cache; ``used`` are the entries
    this build asked for, to keep."""

    def __init__(self, cache: RenderCache, keying: Keying, address: Callable[[Path], str]) -> None:
        self.cache = cache
        self.keying = keying
        self.address = address
        self.used: set[str] = set()
        self._last: tuple[Page, str] | None = None  # the page last keyed: a miss is looked up, then put

    def _key(self, page: Page) -> str:
        if self._last is not None and self._last[0] is page:
            return self._last[1]
        key = self.keying.key(("web page", page), self.address)
        self.used.add(key)
        self._last = (page, key)
        return key

    def get(self, page: Page) -> tuple[str, tuple[str, ...]] | None:
        entry = self.cache.get(self._key(page))
        if entry is None:
            return None
        assets = json.loads((entry / ASSETS_FILE).read_text(encoding="utf-8"))
        return (entry / HTML_FILE).read_text(encoding="utf-8"), tuple(assets)

    def put(self, page: Page, html: str, assets: tuple[str, ...]) -> None:
        key = self._key(page)
        work = self.cache.scratch(key)
        (work / HTML_FILE).write_text(html, encoding="utf-8")
        (work / ASSETS_FILE).write_text(json.dumps(list(assets)), encoding="utf-8")
        self.cache.store(key, work, {})
