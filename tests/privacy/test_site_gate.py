"""The gate over the built site and its open data: no roster staff id in any file, and
personal data found through disguises there as in the cases."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaints.cli.main import main
from complaints.load.policy import load_policy
from complaints.site.build import build_site
from complaints.site.roster import staff_ids
from complaints.site.scan import scan_site
from testing.org import git
from testing.site import PROJECT, TODAY, make_root

DEMO_TODAY = TODAY.replace(year=2026, month=12, day=1)


def _demo_root(target: Path) -> Path:
    """The project's own demo: its cases, policy, docs and MkDocs configs."""
    for name in ("cases", "docs", "overrides"):
        shutil.copytree(PROJECT / name, target / name)
    for name in ("complaints.yml", "mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy2(PROJECT / name, target / name)
    return target


def _every_byte(site: Path) -> list[tuple[Path, bytes]]:
    """Every file of a built site as bytes; compressed files also as their content."""
    out = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        out.append((path, raw))
        if path.suffix == ".gz":
            out.append((path, gzip.decompress(raw)))
    return out


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = _demo_root(tmp_path_factory.mktemp("demo"))
    build_site(root, DEMO_TODAY, commits=False, jobs=2)
    return root, root / "site"


def test_no_roster_id_anywhere_in_the_demo_site(demo_site: tuple[Path, Path]) -> None:
    root, site = demo_site
    roster = set(load_policy(root).staff)
    assert roster and set(staff_ids(root)) >= roster
    files = _every_byte(site)
    assert any(p.name == "cases.json" for p, _ in files) and any(p.suffix == ".csv" for p, _ in files)
    ids = re.compile(rb"(?<![A-Za-z0-9_-])(?:" + b"|".join(re.escape(i.encode()) for i in sorted(roster))
                     + rb")(?![A-Za-z0-9_-])", re.IGNORECASE)
    leaks = [(p.relative_to(site).as_posix(), m.group()) for p, raw in files for m in ids.finditer(raw)]
    assert leaks == []
    # The cases themselves do name staff: the site is clean because it drops them.
    assert any(ids.search(p.read_bytes()) for p in (root / "cases").rglob("*.yaml"))


def test_staff_ids_include_members_who_left_and_actors_of_cases(tmp_path: Path) -> None:
    root = make_root(tmp_path / "root")
    policy = root / "complaints.yml"
    git(root, "init", "-q")
    git(root, "add", "complaints.yml")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "policy")
    text = policy.read_text("utf-8")
    gone = sorted(load_policy(root).staff)[0]
    kept = [line for line in text.splitlines(keepends=True) if f"id: {gone}," not in line]
    assert len(kept) == len(text.splitlines()) - 1
    policy.write_text("".join(kept), "utf-8")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "left")
    assert gone not in load_policy(root).staff
    assert gone in staff_ids(root)  # from the policy's history
    case = next((root / "cases").rglob("*.yaml"))
    case.write_text(case.read_text("utf-8").replace("actor: s-zhao", "actor: s-retired", 1), "utf-8")
    assert "s-retired" in staff_ids(root)  # named by a case, on no roster


def test_gate_finds_a_staff_id_in_any_file_and_says_where(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cases.json").write_text('[{"id":"C-1",\n"owner":"s-li"}]', "utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.js").write_text("var a='ids-list', b='S-WU';", "utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<url>\n <loc>s-zhou</loc></url>"))
    (tmp_path / "page.html").write_text("<html><body><article><p>s-li-x and s-lin</p>"
                                        "</article></body></html>", "utf-8")
    found = scan_site(tmp_path, staff=("s-li", "s-wu", "s-zhou"))
    assert found == ["assets/x.js:1:22: P109 staff id S-WU",
                     "data/cases.json:2:10: P109 staff id s-li",
                     "sitemap.xml.gz:2:7: P109 staff id s-zhou"]


def test_gate_reads_the_open_data_through_disguises_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cases.csv").write_text("id,summary\nC-1,\"call 139\u200b0000\u200b1111\"\n",
                                                 "utf-8")
    [found] = scan_site(tmp_path)
    assert found.startswith("data/cases.csv:2:11: P101 phone 139******11 (disguised")


def test_build_fails_on_a_disguised_phone_and_on_a_staff_id(fresh_root: Path) -> None:
    case = fresh_root / "cases" / "2026" / "C-2026-0003.yaml"
    case.write_text(case.read_text("utf-8").replace(
        "The report arrived later", "Call 139\u00a00000\u200b1111, ask s-wu; the report arrived later"),
        "utf-8")
    result = CliRunner().invoke(main, ["site", "build", "--today", "2026-03-20", "--no-commits"],
                                env={"COMPLAINTS_ROOT": str(fresh_root)})
    assert result.exit_code == 1, result.output
    for lang in ("en", "zh"):
        lines = [line for line in result.output.splitlines()
                 if line.startswith(f"{lang}/cases/C-2026-0003/index.html:")]
        assert {line.split(": ")[1].split()[0] for line in lines} == {"P101", "P109"}
    assert "1390000" not in result.output  # masked
    assert any(line.startswith("data/cases.json:") and "P109" in line for line in result.output.splitlines())
    assert not (fresh_root / "site").exists()


@pytest.fixture
def fresh_root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "root")
