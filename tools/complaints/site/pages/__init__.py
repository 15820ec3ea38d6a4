"""One module per page family of the public site; each turns the site context into
Markdown for both languages.

May import: the rest of `site`, `procedure`, `load`, `base`.
"""
