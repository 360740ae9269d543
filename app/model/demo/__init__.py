"""Demo data: a made-up two-person business with its history."""
