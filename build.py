"""Build a pack: ``python build.py cabinet-2026-07`` writes build/cabinet-2026-07/."""

import sys
from pathlib import Path

from reportkit.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]], root=Path(__file__).resolve().parent))
