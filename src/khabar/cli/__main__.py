"""``python -m khabar.cli``: the ``khabar`` command."""

import sys

from khabar.cli.main import main

if __name__ == "__main__":  # not when a module walk imports it
    sys.exit(main())
