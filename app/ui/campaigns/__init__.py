"""The Campaigns page: the table, the calendar, the charts and the funnel."""
