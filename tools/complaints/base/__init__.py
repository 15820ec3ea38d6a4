"""Foundations every stage shares and that know nothing of complaints: findings and
their `path:line:col: CODE message` form, the one wrapper for git, the fork pool,
commit trailers, errors and exit codes, and time parsing.

May import: the standard library and click (whose exception `errors` builds on);
no other `complaints` package.
"""
