"""The weekly review as a PDF (reportlab): renders a review object, computes nothing itself."""
