"""The policy presets shipped with the package (tools/complaints/presets/<name>.yml), each a
complete complaints.yml with its sources cited, for `complaints init --preset NAME`."""

from __future__ import annotations

from pathlib import Path

PRESET_DIR = Path(__file__).resolve().parents[1] / "presets"


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.yml"))


def preset_path(name: str) -> Path | None:
    """The preset's file, or None when there is no preset of that name."""
    return PRESET_DIR / f"{name}.yml" if name in preset_names() else None
