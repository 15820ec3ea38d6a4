"""The written definitions, shown on every page that publishes the figures they define."""

from __future__ import annotations

from typing import Any

from complaints.figures.definitions import DEFINITIONS, PERIODS, ROUNDING
from complaints.site.escape import inline

HEAD = {"zh": "定义", "en": "Definitions"}
PROVISIONAL = {"zh": "暂定", "en": "provisional"}
FINAL = {"zh": "最终", "en": "final"}


def label(name: str, lang: str) -> str:
    return inline(DEFINITIONS[name].label[lang])


def period_note(period: dict[str, Any], as_of: str, lang: str) -> str:
    """'final, as of its last day' or 'provisional, as of the build day'."""
    if period["final"]:
        return (f"{FINAL[lang]}（截至 {period['end']}）" if lang == "zh"
                else f"{FINAL[lang]}, as at {period['end']}")
    return (f"{PROVISIONAL[lang]}（截至 {as_of}）" if lang == "zh"
            else f"{PROVISIONAL[lang]}, as of {as_of}")


def section(names: list[str], lang: str) -> str:
    items = [f"- **{label(n, lang)}**{'：' if lang == 'zh' else ': '}"
             f"{inline(DEFINITIONS[n].text(lang))}" for n in names]
    return "\n\n".join([f"## {HEAD[lang]}", "\n".join(items), inline(ROUNDING[lang]),
                        inline(PERIODS[lang])])
