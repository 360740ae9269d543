"""Time in the window: the Time page, the entry dialog, the timer bar."""
