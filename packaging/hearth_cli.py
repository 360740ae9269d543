"""The bundle's `hearth-cli` executable: the command line (see app.cli)."""

import sys

from app.cli import main

sys.exit(main())
