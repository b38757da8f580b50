"""Allow `python -m generator`, the same entry point as the `chronicle` command."""

import sys

from generator.cli import main

sys.exit(main())
