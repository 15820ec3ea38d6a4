"""What staff see of the cases on disk: listing, showing, and what each case waits for.

Read-only. May import: `procedure`, `load`, `base`.
"""
