"""Entry script of the frozen application (PyInstaller): the same ``hrcase`` command line.

With no command it opens the desktop app, as ``python -m hrcase`` does.
"""

import sys

from hrcase.cli import main

if __name__ == "__main__":
    sys.exit(main())
