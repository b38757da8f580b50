"""Allow `python -m generator`, the same entry point as the `chronicle` command."""

import sys

from generator.cli import main

if __name__ == "__main__":  # not when a worker process imports it (see parallel.py)
    sys.exit(main())
