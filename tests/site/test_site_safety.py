"""Case text is escaped everywhere, and the privacy gate fails a leaking build."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from complaints.cli.main import main
from complaints.site.escape import block, inline
from complaints.site.scan import scan_site


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside += 1
        elif self.inside:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside -= 1

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def _article(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_injected_markup_shows_as_text(built_site: Path) -> None:
    for lang in ("en", "zh"):
        page = _article(built_site / lang / "cases" / "C-2026-0002" / "index.html")
        text = "".join(page.text)
        assert '<script>alert("x")</script> [click me](javascript:alert(1)) **bold**' in text
        assert "<img src=x onerror=alert(1)>" in text and "# not a heading" in text
        assert '{: onclick="alert(3)" }' in text and "<b>ack</b>" in text
        names = {tag for tag, _ in page.tags}
        assert not names & {"script", "img", "b"}
        assert all(not k.startswith("on") for _, attrs in page.tags for k in attrs)
        hrefs = [a.get("href") or "" for tag, a in page.tags if tag == "a"]
        assert not [h for h in hrefs if "javascript" in h or "evil" in h]
    index = _article(built_site / "en" / "cases" / "index.html")
    assert '<script>alert("x")</script>' in "".join(index.text)
    assert "script" not in {tag for tag, _ in index.tags}


def test_escape_helpers() -> None:
    assert "<" not in inline("<b>") and "[" not in inline("[x](y)")
    assert inline("a\nb | c") == "a b &#124; c"
    assert block("1. one\n\n- two") == "1&#46; one\n\n&#45; two"


def test_gate_passes_the_clean_site(built_site: Path) -> None:
    assert scan_site(built_site) == []


def test_gate_finds_raw_script_and_register_names(built_site: Path, tmp_path: Path) -> None:
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><body><article><p>Hi</p><script>alert(1)</script>'
                    '<a href="javascript:x()">y</a><p>Zhang Wei asked</p></article></body></html>')
    found = scan_site(tmp_path, names=["Zhang Wei"])
    assert any("P106" in f and "<script>" in f for f in found)
    assert any("P106" in f and "script URL" in f for f in found)
    assert any("P107" in f for f in found)


def test_build_fails_on_personal_data(fresh_root: Path) -> None:
    case = fresh_root / "cases" / "2026" / "C-2026-0003.yaml"
    case.write_text(case.read_text("utf-8").replace(
        "The report arrived later", "Call me on 13812345678; the report arrived later"))
    result = CliRunner().invoke(main, ["site", "build", "--today", "2026-03-20",
                                       "--no-commits"], env={"COMPLAINTS_ROOT": str(fresh_root)})
    assert result.exit_code == 1
    assert "privacy gate" in result.output and "P101" in result.output
    assert "13812345678" not in result.output  # the finding is masked
    assert "en/cases/C-2026-0003/index.html" in result.output
    assert not (fresh_root / "site").exists()  # nothing left to deploy


def test_gate_reads_odd_pages_without_failing(tmp_path: Path) -> None:
    """An XML declaration (lxml refuses one in a str), an empty page, and a page with no
    article (its whole body is text to check) are scanned, not crashed on."""
    (tmp_path / "decl.html").write_bytes(
        b'<?xml version="1.0" encoding="utf-8"?>\n<html><body><article><script>x</script>'
        b"</article></body></html>")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "plain.html").write_text("<html><body><p>Zhang Wei</p></body></html>", "utf-8")
    found = scan_site(tmp_path, names=["Zhang Wei"])
    assert [f.split(":")[0] for f in found] == ["decl.html", "plain.html"]
    assert "<script> element" in found[0] and "P107" in found[1]


def test_staff_id_owners_are_not_published(fresh_root: Path) -> None:
    """An action owned by a staff member is published without its owner; a unit stays."""
    case = fresh_root / "cases" / "2025" / "C-2025-0005.yaml"
    case.write_text(case.read_text("utf-8").replace("owner: Quality office", "owner: s-wu"), "utf-8")
    result = CliRunner().invoke(main, ["site", "build", "--generate-only", "--today", "2026-03-20",
                                       "--no-commits"], env={"COMPLAINTS_ROOT": str(fresh_root)})
    assert result.exit_code == 0, result.output
    generated = [p for p in fresh_root.rglob("*") if p.is_file() and p.suffix in (".md", ".json", ".csv")
                 and "cases" not in p.relative_to(fresh_root).parts[:1]]
    assert generated
    leaks = [p for p in generated if "s-wu" in p.read_text("utf-8")]
    assert leaks == []
    data = next(p for p in generated if p.name == "cases.json").read_text("utf-8")
    assert '"owner":"Food laboratory"' in data  # a unit is still named
