"""Working through GitHub: the repository files `complaints init` writes (.github/), the
REST calls the workflows make, complaint intake from an issue form, and the reminder issue.

Never commits and holds no staff key: a case reaches main only as a staff member's signed
step. Talks to the API only when a command is asked to (`--reply`, `remind`). May import:
`check`, `load`, `base`; never `workflow`, `audit` or `site`.
"""
