"""Complaints as code: complaint handling in Git, published anonymized."""

__version__ = "0.1.0"
