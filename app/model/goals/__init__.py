"""Revenue goals per calendar month, and how sales are pacing against them."""
