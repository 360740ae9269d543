"""The Dashboard page: this week at a glance."""
