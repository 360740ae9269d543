"""Time: entries and timers, hours by week and day, targets and the balance, categories,
and the command line's quick reader."""
