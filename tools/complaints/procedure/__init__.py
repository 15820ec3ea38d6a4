"""The complaint procedure as the policy writes it: deadlines and clocks, and the one
judge of whether an actor may take a step (role, recusal, `not_by`, history order).

Pure functions of the policy and a case: no git, no files. May import: `load`, `base`.
"""
