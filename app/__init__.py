"""Hearth: the marketing-and-sales week of a one- or two-person business."""
