"""The Review page: the weekly review as its PDF, with the advice beside it."""
