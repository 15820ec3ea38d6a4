"""Layout of the workflow diagram: where each state's box, each step's arrow and each
label goes (pages/workflow.py draws it as SVG). Geometry only, in px at 1:1.

States stand in one column, in the order a case meets them (longest path from the
initial state, steps that lead back ignored), so the usual way through reads top to
bottom. A step from one state to the next one down is a short arrow with its label
beside it. Every other step gets a lane of its own: a vertical line beside the
column, to the right when it leads down (or to its own state), to the left when it
leads back up, joined by a short horizontal stub to each state it starts from and
ending in an arrow at its target, where its label sits, above the arrow, in a band
that no lane crosses. Boxes grow to give each stub its own slot, so no two labels
and no label and line can meet, whatever the policy holds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

STATE_FONT, STEP_FONT = 14, 13  # px; drawn 1:1, so at least this on every screen
BOX_MIN_W, BOX_MIN_H, BOX_PAD = 120, 36, 12
SLOT = 21  # vertical room per stub on a box side: a label line and its arrow
GAP = 34  # between two boxes: room for a step label beside the arrow
LANE = 14  # between two lanes
MARGIN, START = 12, 26  # outer margin; room above the first box for the start dot


def text_width(text: str, size: float) -> float:
    """A generous estimate of rendered width: CJK and other wide characters one em,
    the rest 0.62 em (wider than the average Latin glyph of a sans-serif face)."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.62 * size
               for ch in text)


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str


@dataclass
class Box:
    state: str
    label: str
    terminal: bool
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0


@dataclass
class Spine:  # a step to the next state down: straight arrow, label beside it
    step: Step
    x: float
    y1: float
    y2: float
    label_x: float
    label_y: float


@dataclass
class Lane:
    step: Step
    side: str  # "left" or "right"
    index: int = 0
    x: float = 0
    stubs: list[tuple[float, float]] = field(default_factory=list)  # (box edge x, y) of sources
    target: tuple[float, float] = (0, 0)  # box edge x, y where the arrow ends
    label_x: float = 0
    label_y: float = 0


@dataclass
class Layout:
    width: float
    height: float
    boxes: list[Box]
    spines: list[Spine]
    lanes: list[Lane]
    start: tuple[float, float]  # the start dot, above the initial state


def order_states(states: Sequence[str], initial: str, steps: Sequence[Step]) -> list[str]:
    """States by layer (longest path from the initial state over steps that do not lead
    back), ties in the policy's order; unreachable states last."""
    out: dict[str, list[str]] = {s: [] for s in states}
    for step in steps:
        for src in step.sources:
            out[src].append(step.target)
    back: set[tuple[str, str]] = set()
    seen: set[str] = set()
    stack: list[str] = []

    def visit(state: str) -> None:  # recursive: a policy has a dozen states, not thousands
        seen.add(state)
        stack.append(state)
        for nxt in out[state]:
            if nxt in stack:
                back.add((state, nxt))
            elif nxt not in seen:
                visit(nxt)
        stack.pop()

    visit(initial)
    layer = {initial: 0}
    changed = True
    while changed:  # longest path on the acyclic rest: relax until stable
        changed = False
        for src in states:
            for nxt in out[src]:
                if src in layer and (src, nxt) not in back and layer.get(nxt, -1) < layer[src] + 1:
                    layer[nxt] = layer[src] + 1
                    changed = True
    rank = {s: i for i, s in enumerate(states)}
    last = max(layer.values(), default=0) + 1
    return sorted(states, key=lambda s: (layer.get(s, last), rank[s]))


def _assign_lanes(lanes: list[Lane], rows: dict[str, int]) -> int:
    """Lane indices, nearest the column first, so that lanes sharing an index never
    share a row; shorter lanes nearer the column. Returns how many indices were used."""
    def span(lane: Lane) -> tuple[int, int]:
        used = [rows[s] for s in lane.step.sources] + [rows[lane.step.target]]
        return min(used), max(used)

    taken: list[list[tuple[int, int]]] = []
    for lane in sorted(lanes, key=lambda ln: (span(ln)[1] - span(ln)[0], span(ln))):
        lo, hi = span(lane)
        for index, spans in enumerate(taken):
            if all(hi < a or lo > b for a, b in spans):
                lane.index = index
                spans.append((lo, hi))
                break
        else:
            lane.index = len(taken)
            taken.append([(lo, hi)])
    return len(taken)


def layout(states: Sequence[tuple[str, str, bool]], initial: str, steps: Sequence[Step],
           width_of: Callable[[str, float], float] = text_width) -> Layout:
    """states: (id, label, terminal) in the policy's order."""
    labels = {s: (label, terminal) for s, label, terminal in states}
    order = order_states([s for s, _, _ in states], initial, steps)
    rows = {s: i for i, s in enumerate(order)}
    spines, lanes = [], []
    for step in steps:
        if len(step.sources) == 1 and rows[step.target] == rows[step.sources[0]] + 1:
            spines.append(step)
        else:
            back = all(rows[step.target] < rows[s] for s in step.sources)
            lanes.append(Lane(step, "left" if back else "right"))
    count = {side: _assign_lanes([ln for ln in lanes if ln.side == side], rows)
             for side in ("left", "right")}
    # Slots per box side: stubs leaving first (by lane, nearest first), then arrows arriving.
    slots: dict[tuple[str, str], list[tuple[Lane, bool]]] = {}
    for lane in sorted(lanes, key=lambda ln: ln.index):
        for src in lane.step.sources:
            slots.setdefault((src, lane.side), []).append((lane, False))
    for lane in lanes:
        slots.setdefault((lane.step.target, lane.side), []).append((lane, True))

    def band(side: str) -> float:  # label room between the column and the first lane
        arriving = [width_of(ln.step.label, STEP_FONT) for ln in lanes if ln.side == side]
        return max(arriving, default=0) + 16 if count[side] else 0

    box_w = max([BOX_MIN_W] + [width_of(label, STATE_FONT) + 2 * BOX_PAD for label, _ in labels.values()])
    left_band, right_band = band("left"), band("right")
    spine_need = max((width_of(s.label, STEP_FONT) for s in spines), default=0) + 8 - box_w / 2 + 16
    right_band = max(right_band, spine_need) if count["right"] else max(spine_need, 0)
    box_x = MARGIN + count["left"] * LANE + left_band
    boxes, y = [], float(MARGIN + START)
    for state in order:
        n = max(len(slots.get((state, side), [])) for side in ("left", "right"))
        h = max(BOX_MIN_H, SLOT * n + 8)
        boxes.append(Box(state, labels[state][0], labels[state][1], box_x, y, box_w, h))
        y += h + GAP
    box = {b.state: b for b in boxes}
    for (state, side), attached in slots.items():
        b = box[state]
        top = b.y + (b.h - SLOT * len(attached)) / 2
        for k, (lane, arriving) in enumerate(attached):
            slot_y = top + SLOT * (k + 1) - 4  # the label sits in the slot, the line under it
            edge = b.x if side == "left" else b.x + b.w
            if arriving:
                lane.target = (edge, slot_y)
                lane.label_x = edge - 8 if side == "left" else edge + 8
                lane.label_y = slot_y - 5
            else:
                lane.stubs.append((edge, slot_y))
    for lane in lanes:
        if lane.side == "left":
            lane.x = box_x - left_band - LANE / 2 - lane.index * LANE
        else:
            lane.x = box_x + box_w + right_band + LANE / 2 + lane.index * LANE
    placed = []
    for step in spines:
        upper, lower = box[step.sources[0]], box[step.target]
        cx = upper.x + upper.w / 2
        placed.append(Spine(step, cx, upper.y + upper.h, lower.y, cx + 8,
                            upper.y + upper.h + GAP / 2 + STEP_FONT * 0.35))
    width = box_x + box_w + right_band + count["right"] * LANE + MARGIN
    first = box[order[0]]
    return Layout(width, y - GAP + MARGIN, boxes, placed, lanes,
                  (first.x + first.w / 2, float(MARGIN + 6)))
