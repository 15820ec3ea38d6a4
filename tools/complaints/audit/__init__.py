"""`complaints verify` and `complaints log`: reading the signed history, checking each
commit against the policy and roster in force at that commit, and the verify cache.

Read-only. May import: `check`, `signing`, `procedure`, `load`, `base`; never
`workflow` or `site`.
"""
