"""The bundle's `Hearth` executable: the window (see app.ui.launch)."""

import sys

from app.ui.launch import main

sys.exit(main())
