"""Virtual addresses for the files a document uses, so no clone path ever reaches an output.

Every file the PDF renderer may read lives under a named root (the pack, the theme, the chart
cache) and is addressed as ``file:///reportkit/<root>/<relative path>``. The fetcher serves only
those; anything else, including the network, stops the render.
"""

from __future__ import annotations

from pathlib import Path

PREFIX = "file:///reportkit/"


class Resources:
    def __init__(self, roots: dict[str, Path]) -> None:
        self.roots = {name: path.resolve() for name, path in sorted(roots.items())}

    def url(self, path: Path) -> str:
        target = path.resolve()
        for name, root in self.roots.items():
            if target.is_relative_to(root):
                return f"{PREFIX}{name}/{target.relative_to(root).as_posix()}"
        raise ValueError(f"{path} is outside the pack, theme and chart cache")

    def path(self, url: str) -> Path | None:
        """The file behind a virtual URL, or None if the URL points anywhere else."""
        if not url.startswith(PREFIX):
            return None
        name, _, relative = url[len(PREFIX):].partition("/")
        root = self.roots.get(name)
        if root is None:
            return None
        target = (root / relative).resolve()
        return target if target.is_relative_to(root) and target.is_file() else None
