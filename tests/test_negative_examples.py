"""Every folder in tests/negative/ gives exactly its expected output, and every rule code
listed by `complaints rules` has a folder that produces it.

The folder format is described in tests/negative/README.md (testing/examples.py reads
it). Regenerate the expected files after an intended change with
UPDATE_GOLDEN=1 pytest tests/test_negative_examples.py, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaints.base.findings import RULES
from complaints.cli.main import main
from testing.examples import CONFIG, NEGATIVE, Example, ExampleError, codes_in, examples, load, run
from testing.org import hermetic

EXAMPLES = {ex.name: ex for ex in examples()}


@pytest.fixture(scope="session")
def template_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this worker keeps its one organisation repository, copied per signed folder."""
    return tmp_path_factory.mktemp("example-template")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_gives_its_report(name: str, tmp_path: Path, template_base: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ex = EXAMPLES[name]
    hermetic(monkeypatch, tmp_path)
    code, output, crashed = run(ex, tmp_path / "work", template_base)
    if os.environ.get("UPDATE_GOLDEN"):
        ex.expected.write_text(output, "utf-8")
    assert not crashed and "Traceback" not in output, output
    assert "internal error" not in output, output
    assert code == ex.exit, f"exit {code}, expected {ex.exit}:\n{output}"
    assert output == ex.expected.read_text("utf-8")


def _rules_listed() -> set[str]:
    """The codes the real `complaints rules` command lists."""
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = set(json.loads(result.output))
    assert listed == set(RULES)
    return listed


def test_every_rule_code_has_a_folder_that_produces_it() -> None:
    produced = {ex.target() for ex in EXAMPLES.values()
                if ex.target() in codes_in(ex.expected.read_text("utf-8"))}
    missing = sorted(_rules_listed() - produced)
    assert not missing, f"no folder in tests/negative/ produces {', '.join(missing)}"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_folder_produces_its_own_code(name: str) -> None:
    ex = EXAMPLES[name]
    assert ex.target() in RULES, f"{name}: {ex.target()} is not a rule code"
    assert ex.target() in codes_in(ex.expected.read_text("utf-8")), \
        f"{name}: expected.txt does not report {ex.target()}"


def test_every_folder_is_complete() -> None:
    """An input (cases/, a policy or a _config.yaml) and an expected output in each folder."""
    for ex in EXAMPLES.values():
        assert ex.expected.is_file(), f"{ex.name} has no expected.txt"
        inputs = [n for n in ("cases", "complaints.yml", CONFIG) if (ex.folder / n).exists()]
        assert inputs, f"{ex.name}: no cases/, complaints.yml or {CONFIG}"


def test_bad_config_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / CONFIG).write_text("comand: [verify]\n", "utf-8")
    with pytest.raises(ExampleError, match="comand"):
        load(folder)
    (folder / CONFIG).write_text("setup: [{intake: {case: C-2026-0001}}]\n", "utf-8")
    with pytest.raises(ExampleError, match="repo: signed"):
        load(folder)


def test_ambiguous_folder_must_name_its_code(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "expected.txt").write_text(
        "cases/2026/C-2026-0001.yaml:1:1: W101 a\ncases/2026/C-2026-0001.yaml:2:1: W102 b\n", "utf-8")
    with pytest.raises(ExampleError, match="code:"):
        Example("two", folder).target()
    assert Example("two", folder, code="W102").target() == "W102"


def test_negative_folder_is_where_the_examples_are() -> None:
    assert NEGATIVE.is_dir() and len(EXAMPLES) >= len(RULES)
