"""`python -m app` opens the window."""

import sys

from app.ui.shell.launch import main

sys.exit(main())
