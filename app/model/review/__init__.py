"""The weekly review: one object built from the data, its leads part, its advice."""
