"""Steps and time limits, drawn from the policy so the published procedure is the one enforced."""

from __future__ import annotations

import html

from complaints.site.context import Ctx
from complaints.site.i18n import t
from complaints.site.md import table

INTRO = {
    "zh": "下图和下表由本机构的投诉处理规则文件（`complaints.yml`）自动生成，"
          "与系统实际执行的流程一致。",
    "en": "The diagram and tables below are generated from the organization's policy file "
          "(`complaints.yml`), the same rules the tools enforce.",
}


def _mermaid(ctx: Ctx, lang: str) -> str:
    p = ctx.policy
    ids = {s: f"s{i}" for i, s in enumerate(p.states)}
    lines = ["stateDiagram-v2"]
    lines += [f'    state "{_plain(p.label("states", s, lang))}" as {ids[s]}' for s in p.states]
    lines.append(f"    [*] --> {ids[p.initial_state]}")
    for tr in p.transitions.values():
        for src in sorted(tr.sources, key=list(p.states).index):
            lines.append(f"    {ids[src]} --> {ids[tr.target]}: {_plain(tr.label.get(lang, tr.name))}")
    lines += [f"    {ids[s]} --> [*]" for s in p.states if s in p.terminal]
    # Raw HTML, as the superfences extension would write it, which Material's (and
    # Zensical's) script draws: no Markdown extension runs on every page for one diagram.
    source = html.escape("\n".join(lines), quote=False)
    return f'<pre class="mermaid"><code>{source}</code></pre>'


def _plain(label: str) -> str:
    """Mermaid label text: drop the characters its grammar reserves."""
    return "".join(ch for ch in label if ch not in '"\n:;{}<>#`')


def workflow(ctx: Ctx, lang: str) -> str:
    p = ctx.policy
    sep = "、" if lang == "zh" else ", "
    order = list(p.states)
    steps = [[ctx.step_label(name, lang),
              sep.join(ctx.label("states", s, lang) for s in sorted(tr.sources, key=order.index)),
              ctx.label("states", tr.target, lang), ctx.label("roles", tr.role, lang)]
             for name, tr in p.transitions.items()]
    limits = [[ctx.clock_label(name, lang), ctx.label("states", d.start, lang),
               t("working_days" if d.working_days else "calendar_days", lang, n=d.amount)]
              for name, d in p.deadlines.items()]
    return "\n\n".join([
        f"# {t('workflow', lang)}", INTRO[lang], _mermaid(ctx, lang),
        f"## {t('step', lang)}",
        table([t("step", lang), t("from", lang), t("to", lang), t("role", lang)], steps),
        f"## {t('deadlines', lang)}",
        table([t("clock", lang), t("starts", lang), t("limit", lang)], limits),
    ]) + "\n"
