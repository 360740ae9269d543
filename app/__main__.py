"""`python -m app` opens the window."""

import sys

from app.ui.launch import main

sys.exit(main())
