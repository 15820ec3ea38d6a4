"""`complaints demo` builds a signed organization that verifies at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaints.audit.caselog import case_log
from complaints.audit.verify import verify
from complaints.workflow.demo import SCRIPTS, DemoError, build_demo


def test_demo_verifies_and_logs(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    summary = build_demo(root, len(SCRIPTS))
    assert "signed steps" in summary
    out = verify(root, use_cache=False)
    assert out.findings == [] and out.checked > 40
    cases = sorted(p.stem for p in (root / "cases").rglob("*.yaml"))
    assert len(cases) == len(SCRIPTS) + 1  # plus the imported past case
    logs = [case_log(root, c) for c in cases]
    assert all(s.signature == "good" for log in logs for s in log.steps)
    assert any(s.imported for log in logs for s in log.steps)
    reached = {log.steps[-1].to for log in logs}
    assert {"closed", "not_accepted", "referred", "withdrawn", "investigating"} <= reached
    assert not any(p.name.startswith("s-") for p in root.rglob("*") if ".git" not in p.parts)
    with pytest.raises(DemoError):
        build_demo(root, 1)
