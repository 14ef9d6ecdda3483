"""``python -m reportkit build PACK``."""

import sys

from .cli import main

sys.exit(main())
