"""The privacy gate: what must never reach a public file (names from the register,
phone numbers, e-mail addresses, identity numbers, addresses).

May import: `load`, `base`.
"""
