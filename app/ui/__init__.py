"""The window: Qt widgets, one module per page or dialog, table models in ui/models/."""
