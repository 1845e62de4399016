"""Quotes: direct, reported and mixed statements with their speakers."""
