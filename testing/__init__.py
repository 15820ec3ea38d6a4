"""Fixture builders for the tests and benchmarks, kept outside the product.

`cli` runs the command in a temporary repository, `org` drives a signed organization
through the CLI, `trail` writes signed histories commit by commit (forgeries too),
`site` prepares site roots, `browser` drives headless Chromium. The `complaints`
package never imports this one (an import-linter contract).
"""
