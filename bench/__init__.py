"""Timings on demo data: `make bench` (or `python -m bench --help`)."""
