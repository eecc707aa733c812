"""Scoring functions for gold files (used by `eventwire eval`)."""
