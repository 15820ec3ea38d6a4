"""Policy presets: ready-made complaints.yml files that `complaints init` starts from.

Each preset is one YAML file in tools/complaints/presets/, named for the kind of
organization and procedure it follows (iso17025-lab, ...).
"""

from __future__ import annotations

from pathlib import Path

PRESET_DIR = Path(__file__).resolve().parents[1] / "presets"


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.yml"))


def preset_path(name: str) -> Path | None:
    """The preset's file, or None when there is no preset of that name."""
    path = PRESET_DIR / f"{name}.yml"
    return path if name in preset_names() and path.is_file() else None
