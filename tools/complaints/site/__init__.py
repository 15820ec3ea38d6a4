"""The public site: pages and data generated from the cases and the policy.

`generate` writes the sources (page families in `pages/`), `build` runs MkDocs
for both languages and `scan` checks what was built. Every piece of case text goes
through `escape` before it reaches a page. Read-only over the repository.

May import: `check`, `procedure`, `load`, `base`; never `workflow` or `audit`.
"""
