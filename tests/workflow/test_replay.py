"""The demo data replayed as a signed trail: each step through the workflow, signed, dated.

The replayed files must say exactly what the demo files say (only the public
reference is new, made at intake), `verify` must pass on the trail, and the site
built from it must link every step to its commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from complaints.site.build import build_site
from complaints.workflow.replay import build_replay
from testing.site import PROJECT


def test_demo_data_replays_as_a_verified_trail_with_commit_links(tmp_path: Path) -> None:
    from datetime import date

    from complaints.audit.verify import verify

    root = tmp_path / "demo"
    build_replay(root, PROJECT, tmp_path / "keys")
    sources = sorted((PROJECT / "cases").rglob("*.yaml"))
    assert sources
    for path in sources:
        want = yaml.safe_load(path.read_text("utf-8"))
        got = yaml.safe_load((root / path.relative_to(PROJECT)).read_text("utf-8"))
        assert got.pop("complainant") != want.pop("complainant")  # a new one, per case
        assert got == want, path.name
    assert verify(root, use_cache=False).findings == []
    build_site(root, date(2026, 12, 3), jobs=1)
    published = json.loads((root / "site" / "data" / "cases.json").read_text("utf-8"))["cases"]
    steps = [s for c in published for s in c["history"]]
    assert steps and all(s.get("commit") for s in steps)
    page = (root / "site" / "en" / "cases" / "C-2025-0012" / "index.html").read_text("utf-8")
    assert page.count("/commit/") >= len(yaml.safe_load(
        (PROJECT / "cases" / "2025" / "C-2025-0012.yaml").read_text("utf-8"))["history"])
