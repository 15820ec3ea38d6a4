"""Changing cases: the step engine (check a step, edit the file round-trip, commit it
signed, all or nothing), intake, CSV import, renumbering, and building a signed
organization repository (`complaints demo`).

The only stage that writes commits. May import: `check`, `signing`, `procedure`,
`load`, `base`; never `audit` or `site`.
"""
