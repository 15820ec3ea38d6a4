"""Who is acting and how their commits are signed: key lines, the allowed-signers file
derived from the roster, the acting identity and its key, and in-process SSH
signature checks for verify.

May import: `load`, `base`.
"""
