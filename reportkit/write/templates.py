"""The Jinja templates a theme renders with: only from templates/, under the confinement rule.

A template is looked up in the theme's folder, then in those of the themes it extends, then in the
toolkit's shared templates/_base. Its real
path (after resolving links) must stay inside that folder, so no template can come from a pack or
from anywhere else, and it is read like any content file (never a pipe, never too big).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.loaders import split_template_path

from .. import confine
from ..errors import ContentError
from ..theme import BASE_TEMPLATES, Theme


class ThemeTemplates(BaseLoader):
    def __init__(self, theme: Theme) -> None:
        self.folders = (*(theme.folders or (theme.folder,)), theme.folder.parent / BASE_TEMPLATES)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        candidates = [folder.joinpath(*split_template_path(template)) for folder in self.folders]
        for folder, path in zip(self.folders, candidates):
            if not (path.is_file() or path.is_symlink()):
                continue
            if not path.resolve().is_relative_to(folder.resolve()):
                raise ContentError(path, None, f"template '{template}' is a link to a file outside {folder.name}/",
                                   "keep the theme's templates themselves in its folder under templates/")
            text = confine.read_text(path)
            return text, str(path), _unchanged_since(path, candidates[:candidates.index(path)])
        raise TemplateNotFound(template)


def _unchanged_since(path: Path, before: list[Path]) -> Callable[[], bool]:
    """Whether the template file is still the one read (not edited, nor replaced by a link) and no theme
    earlier in the chain has since got one of its own (``before``), so a compiled template is used
    again for as long as the lookup would still find the same file as it was."""
    def signature() -> tuple[int, int, int] | None:
        try:
            status = os.lstat(path)
        except OSError:
            return None
        return status.st_ino, status.st_size, status.st_mtime_ns

    read = signature()
    return lambda: read is not None and signature() == read and not any(map(os.path.lexists, before))


def missing_template(theme: Theme, error: TemplateNotFound) -> ContentError:
    return ContentError(theme.folder, None, f"the template '{error.name}' is in neither the theme nor templates/"
                        f"{BASE_TEMPLATES}/", f"restore templates/{BASE_TEMPLATES}/{error.name} from the toolkit")
