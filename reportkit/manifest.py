"""manifest.json: the hashes of a build's inputs, outputs, code and tools; and whether a build is current.

A pack whose inputs, reportkit's own code and the tool versions all match the last manifest, and
whose outputs are still the files it recorded, is up to date: rebuilding it would give the same bytes.

A pack with exempt papers has two manifests. The public one (build/PACK/manifest.json) names only
public outputs and the inputs public papers may see: no exempt file's name or hash. The restricted
one (build/restricted/PACK/manifest.json) records every input and both sets of outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

TOOLS = ("reportkit", "weasyprint", "python-docx", "matplotlib", "pydyf")


def sha256(path: Path) -> str:
    """Streamed, so that a large file left in a pack does not have to fit in memory."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _input_hash(path: Path) -> str:
    """A link is recorded by where it points, never followed: it may point outside the pack. A pipe, or
    a folder named like a file, is recorded as such (it is never opened), so the build that refuses it runs."""
    if path.is_symlink():
        return "link:" + os.readlink(path)
    if path.is_dir():
        return "folder"
    if not path.is_file():
        return "not a file"
    return sha256(path)


def input_hashes(root: Path, pack_folder: Path, theme_folder: Path, included: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every file a build reads: its pack, the packs its meeting includes papers from, and the templates
    (all of them: a theme may extend any other)."""
    roots = [pack_folder, *included, theme_folder.parent]
    return {p.relative_to(root).as_posix(): _input_hash(p) for folder in roots for p in sorted(folder.rglob("*"))
            if p.is_symlink() or p.is_file() or not p.is_dir() or p.suffix}


@lru_cache(maxsize=1)
def code_hash() -> str:
    """reportkit's and the chart code's own files: a change to the toolkit is a change to every build."""
    import charts
    import reportkit

    digest = hashlib.sha256()
    for package in (Path(reportkit.__file__).parent, Path(charts.__file__).parent):
        for path in sorted(package.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".j2"):
                digest.update(path.relative_to(package.parent).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def tool_versions() -> dict[str, str]:
    tools = {"python": ".".join(map(str, sys.version_info[:3]))}
    tools.update({name: version(name) for name in TOOLS})
    return tools


def included_packs(pack_yaml: object) -> tuple[str, ...]:
    """The other packs a meeting takes papers from (``papers: [{pack: NAME}]``), as pack.yaml names them."""
    meeting = pack_yaml.get("meeting") if isinstance(pack_yaml, dict) else None
    items = meeting.get("items") if isinstance(meeting, dict) else None
    names = {str(paper["pack"]) for item in items or [] if isinstance(item, dict)
             for paper in item.get("papers") or [] if isinstance(paper, dict) and "pack" in paper}
    return tuple(sorted(names))


def _outputs(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


def manifest(pack: str, epoch: int, inputs: dict[str, str], outputs_folder: Path) -> dict[str, object]:
    outputs = _outputs(outputs_folder)
    return {"pack": pack, "source_date_epoch": epoch, "inputs": inputs, "outputs": outputs, "code": code_hash(),
            "tools": tool_versions()}


def restricted_manifest(pack: str, epoch: int, inputs: dict[str, str], restricted: Path,
                        public: Path) -> dict[str, object]:
    content = manifest(pack, epoch, inputs, restricted)
    content["public_outputs"] = _outputs(public)
    return content


def write(folder: Path, content: dict[str, object]) -> None:
    (folder / "manifest.json").write_text(json.dumps(content, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def up_to_date(root: Path, name: str) -> bool:
    """True when build/<name>/ is exactly what building ``name`` now would give; False if in any doubt."""
    from .confine import PLAIN_NAME
    from .errors import ContentError
    from .read.yamlfile import load_yaml

    final = root / "build" / name
    restricted = root / "build" / "restricted" / name
    pack_folder = root / "content" / name
    try:
        previous = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
        full = previous
        if (restricted / "manifest.json").is_file():
            full = json.loads((restricted / "manifest.json").read_text(encoding="utf-8"))
            if full.get("public_outputs") != previous.get("outputs") or full.get("outputs") != _outputs(restricted):
                return False
        pack_yaml = load_yaml(pack_folder / "pack.yaml")
        names = (str(pack_yaml["theme"]), *included_packs(pack_yaml))
        if not all(PLAIN_NAME.match(n) for n in names):
            return False
        theme_folder = root / "templates" / names[0]
        included = tuple(root / "content" / other for other in names[1:])
        if not theme_folder.is_dir() or previous.get("code") != code_hash() or previous.get("tools") != tool_versions():
            return False
        if full.get("inputs") != input_hashes(root, pack_folder, theme_folder, included):
            return False
        outputs = previous.get("outputs", {})
        return bool(outputs or full is not previous) and outputs == _outputs(final)
    except (OSError, ValueError, KeyError, TypeError, ContentError):
        return False
