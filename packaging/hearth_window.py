"""The bundle's `Hearth` executable: the window (see app.ui.shell.launch)."""

import sys

from app.ui.shell.launch import main

sys.exit(main())
