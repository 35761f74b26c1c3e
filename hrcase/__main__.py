"""Allow ``python -m hrcase``."""

from hrcase.cli import main

raise SystemExit(main())
