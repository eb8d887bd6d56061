"""Caseweave: one platform on which agencies serve the same vulnerable people together."""

__version__ = "0.1.0"
