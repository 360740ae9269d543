"""Leads: the lead service, creating one, won and lost, the list's queries, contacts."""
