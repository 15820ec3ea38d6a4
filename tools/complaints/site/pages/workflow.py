"""Steps and time limits, drawn from the policy so the published procedure is the one enforced.

The diagram is an inline SVG of our own (layout in site/diagram.py): drawn at its
natural size, so its labels are as large on a phone as on a desktop (it scrolls
sideways in its box when the screen is narrower), styled by site.css for the theme's
light and dark modes, and readable with no script.
"""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.diagram import STATE_FONT, STEP_FONT, Layout, Step, layout
from complaints.site.escape import attr
from complaints.site.i18n import t
from complaints.site.md import table

INTRO = {
    "zh": "下图和下表由本机构的投诉处理规则文件（`complaints.yml`）自动生成，"
          "与系统实际执行的流程一致。",
    "en": "The diagram and tables below are generated from the organization's policy file "
          "(`complaints.yml`), the same rules the tools enforce.",
}
ARROW = ('<defs><marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
         'markerHeight="7" orient="auto-start-reverse"><path class="wf-head" d="M0,0 L10,5 L0,10 z"/>'
         "</marker></defs>")


def diagram_layout(ctx: Ctx, lang: str) -> Layout:
    p = ctx.policy
    order = list(p.states)
    states = [(s, p.label("states", s, lang), s in p.terminal) for s in order]
    # A step that keeps the state (a pause reason, an action moved on) draws no arrow.
    steps = [Step(tr.name, tr.label.get(lang, tr.name),  # raw text: attr() escapes it for SVG
                  tuple(sorted(tr.sources, key=order.index)), tr.target)
             for tr in p.transitions.values() if not tr.stays]
    return layout(states, p.initial_state, steps)


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(x: float, y: float, text: str, css: str, size: int, anchor: str = "start") -> str:
    return (f'<text class="{css}" x="{_n(x)}" y="{_n(y)}" font-size="{size}" '
            f'text-anchor="{anchor}">{attr(text)}</text>')


def svg(plan: Layout, title: str) -> str:
    """The diagram as one raw HTML block (no blank line, so Markdown leaves it whole)."""
    w, h = _n(plan.width), _n(plan.height)
    body = [ARROW]
    sx, sy = plan.start
    first = plan.boxes[0]
    body.append(f'<circle class="wf-start" cx="{_n(sx)}" cy="{_n(sy)}" r="6"/>'
                f'<line class="wf-edge" x1="{_n(sx)}" y1="{_n(sy + 6)}" x2="{_n(sx)}" '
                f'y2="{_n(first.y)}" marker-end="url(#wf-arrow)"/>')
    for b in plan.boxes:
        css = "wf-box wf-terminal" if b.terminal else "wf-box"
        body.append(f'<g class="wf-state" data-state="{attr(b.state)}">'
                    f'<rect class="{css}" x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" '
                    f'height="{_n(b.h)}" rx="6"/>'
                    + _text(b.x + b.w / 2, b.y + b.h / 2 + STATE_FONT * 0.35, b.label,
                            "wf-state-label", STATE_FONT, "middle") + "</g>")
    for s in plan.spines:
        body.append(f'<g class="wf-step" data-step="{attr(s.step.name)}">'
                    f'<line class="wf-edge" x1="{_n(s.x)}" y1="{_n(s.y1)}" x2="{_n(s.x)}" '
                    f'y2="{_n(s.y2)}" marker-end="url(#wf-arrow)"/>'
                    + _text(s.label_x, s.label_y, s.step.label, "wf-step-label", STEP_FONT)
                    + "</g>")
    for lane in plan.lanes:
        ys = [y for _, y in lane.stubs] + [lane.target[1]]
        parts = [f"M{_n(x)},{_n(y)} H{_n(lane.x)}" for x, y in lane.stubs]
        parts.append(f"M{_n(lane.x)},{_n(min(ys))} V{_n(max(ys))}")
        tx, ty = lane.target
        joins = "".join(f'<circle class="wf-join" cx="{_n(lane.x)}" cy="{_n(y)}" r="2.5"/>'
                        for _, y in lane.stubs if len(lane.stubs) > 1)
        anchor = "end" if lane.side == "left" else "start"
        body.append(f'<g class="wf-step" data-step="{attr(lane.step.name)}">'
                    f'<path class="wf-edge" d="{" ".join(parts)}"/>'
                    f'<line class="wf-edge" x1="{_n(lane.x)}" y1="{_n(ty)}" x2="{_n(tx)}" '
                    f'y2="{_n(ty)}" marker-end="url(#wf-arrow)"/>{joins}'
                    + _text(lane.label_x, lane.label_y, lane.step.label, "wf-step-label",
                            STEP_FONT, anchor) + "</g>")
    return (f'<div class="workflow-diagram"><svg class="workflow-svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" role="img" aria-labelledby="wf-title">'
            f'<title id="wf-title">{attr(title)}</title>{"".join(body)}</svg></div>')


SAME = {"zh": "（状态不变）", "en": "(same state)"}


def workflow(ctx: Ctx, lang: str) -> str:
    p = ctx.policy
    sep = "、" if lang == "zh" else ", "
    order = list(p.states)
    steps = [[ctx.step_label(name, lang),
              sep.join(ctx.label("states", s, lang) for s in sorted(tr.sources, key=order.index)),
              SAME[lang] if tr.stays else ctx.label("states", tr.target, lang),
              ctx.label("roles", tr.role, lang)]
             for name, tr in p.transitions.items()]
    limits = [[ctx.clock_label(name, lang),
               ctx.label("states", d.start, lang) if d.start else (d.start_field or ""),
               t({"days": "calendar_days"}.get(d.unit, d.unit), lang, n=d.amount)]
              for name, d in p.deadlines.items()]
    return "\n\n".join([
        f"# {t('workflow', lang)}", INTRO[lang], svg(diagram_layout(ctx, lang), t("workflow", lang)),
        f"## {t('step', lang)}",
        table([t("step", lang), t("from", lang), t("to", lang), t("role", lang)], steps),
        f"## {t('deadlines', lang)}",
        table([t("clock", lang), t("starts", lang), t("limit", lang)], limits),
    ]) + "\n"
