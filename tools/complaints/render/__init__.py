"""The public site: pages and data generated from the cases and the policy.

One module per page family; site.py generates the sources and build.py runs the
build. Every piece of case text goes through escape.py before it reaches a page.
"""
