"""The weekly review rendered: as a PDF (reportlab), as text for a terminal, as JSON. Each
renders a review object and computes nothing itself."""
