"""Campaigns: the service, their figures (CAC, true CAC) and the funnel."""
