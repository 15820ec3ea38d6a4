"""`complaints validate`: schema, rule and privacy checks of case files, the cache of
clean results, and the catalogue of rule codes.

Reads files as they are on disk; the history is the audit stage's business. May
import: `procedure`, `load`, `base`.
"""
