"""The one rounding rule for shares, and the workflow diagram's layout on policies other
than the demo's (the browser test measures the demo's as drawn)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from complaints.load.policy import load_policy
from complaints.site.diagram import STATE_FONT, STEP_FONT, Step, layout, text_width
from complaints.site.numbers import percent


@pytest.mark.parametrize(("share", "shown"), [
    (Fraction(5, 8), "62.5%"), (0.625, "62.5%"),  # was 62% (0.625 rounded half to even)
    (0.9394, "93.9%"), (Fraction(1, 16), "6.3%"), (0.0625, "6.3%"),  # half up
    (Fraction(1, 2000), "0.1%"), (Fraction(2, 3), "66.7%"), (0.6667, "66.7%"),
    (1.0, "100.0%"), (0, "0.0%"), (None, "—"),
])
def test_percent(share: Fraction | float | None, shown: str) -> None:
    assert percent(share) == shown


def _rects(plan):  # type: ignore[no-untyped-def]
    """Estimated text rectangles (x0, y0, x1, y1) of every label, and every box."""
    out = []
    for b in plan.boxes:
        w = text_width(b.label, STATE_FONT)
        cx, cy = b.x + b.w / 2, b.y + b.h / 2
        out.append(("state", b.label, (cx - w / 2, cy - STATE_FONT / 2, cx + w / 2, cy + STATE_FONT / 2)))
    for s in plan.spines:
        w = text_width(s.step.label, STEP_FONT)
        out.append(("step", s.step.label, (s.label_x, s.label_y - STEP_FONT * 0.8, s.label_x + w,
                                            s.label_y + STEP_FONT * 0.25)))
    for ln in plan.lanes:
        w = text_width(ln.step.label, STEP_FONT)
        x0 = ln.label_x - w if ln.side == "left" else ln.label_x
        out.append(("step", ln.step.label, (x0, ln.label_y - STEP_FONT * 0.8, x0 + w,
                                             ln.label_y + STEP_FONT * 0.25)))
    return out


def _check(plan) -> None:  # type: ignore[no-untyped-def]
    rects = _rects(plan)
    for i, (_, a, ra) in enumerate(rects):
        assert ra[0] >= 0 and ra[2] <= plan.width and ra[1] >= 0 and ra[3] <= plan.height, a
        for _, b, rb in rects[i + 1:]:
            assert not (ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]), (a, b)
    lanes_x = {(ln.x, ln.index, ln.side) for ln in plan.lanes}
    assert len({x for x, _, _ in lanes_x}) == len(lanes_x)  # one x per lane index and side
    for ln in plan.lanes:  # no label of a lane reaches into the lanes
        w = text_width(ln.step.label, STEP_FONT)
        if ln.side == "right":
            assert ln.label_x + w < min(o.x for o in plan.lanes if o.side == "right")
        else:
            assert ln.label_x - w > max(o.x for o in plan.lanes if o.side == "left")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_demo_policy_layout(lang: str) -> None:
    p = load_policy(Path(__file__).resolve().parents[2])
    order = list(p.states)
    states = [(s, p.label("states", s, lang), s in p.terminal) for s in order]
    steps = [Step(t.name, t.label[lang], tuple(sorted(t.sources, key=order.index)), t.target)
             for t in p.transitions.values()]
    plan = layout(states, p.initial_state, steps)
    _check(plan)
    rows = [b.state for b in plan.boxes]
    assert rows[0] == p.initial_state and rows.index("decided") < rows.index("responded")


def test_crowded_policy_layout() -> None:
    """Every state reachable from every other: lanes on both sides, long labels."""
    names = [f"state-{i}" for i in range(7)]
    states = [(n, f"A rather long state label {i}", i == 6) for i, n in enumerate(names)]
    steps = [Step(f"s{i}-{j}", f"Step from {i} to {j} with words", (names[i],), names[j])
             for i in range(6) for j in range(7) if i != j]
    steps.append(Step("all", "Withdrawn from anywhere at all", tuple(names[:6]), names[6]))
    plan = layout(states, names[0], steps)
    _check(plan)
    assert {ln.side for ln in plan.lanes} == {"left", "right"}
