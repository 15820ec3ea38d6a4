"""Reading the repository: safe YAML with line numbers, the JSON Schemas, the policy
(`complaints.yml`), repository paths and case ids, and the private register.

Loading never judges a case; it says what the files say. May import: `base`.
"""
