"""The workflow tests' organization repository (real git, real ssh-keygen keys), for the
register tests here."""

from __future__ import annotations

from tests.workflow.conftest import org, template

__all__ = ["org", "template"]
