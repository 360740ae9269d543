"""The bundle's `hearth-cli` executable: the command line (see app.cli.main)."""

import sys

from app.cli.main import main

sys.exit(main())
