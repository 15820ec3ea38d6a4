"""Charts as inline SVG, drawn here so the site needs no chart library or network.

Each chart is one raw HTML block (no blank lines, so Markdown leaves it whole)
and always comes with a table of its numbers for screen readers and copying.
Colours come from CSS classes (site.css), so the theme's dark mode applies.
"""

from __future__ import annotations

import html

from complaints.site.escape import attr

ROW, LABEL_W, WIDTH = 26, 190, 640


def label_text(markdown_safe: str) -> str:
    """Labels arrive escaped for Markdown; SVG wants the text, escaped for XML."""
    return attr(html.unescape(markdown_safe))


def fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _figure(chart_id: str, title: str, width: int, height: int, body: list[str]) -> str:
    svg = (
        f'<svg class="chart-svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-t">{label_text(title)}</title>{"".join(body)}</svg>'
    )
    return f'<figure class="chart" id="{chart_id}">\n{svg}\n</figure>'


def bars(chart_id: str, title: str, rows: list[tuple[str, float]], unit: str = "",
         shown: list[str] | None = None) -> str:
    """Horizontal bars, one per row, value printed at the end of each bar: shown[i] when
    given (a share printed by numbers.percent, as its table prints it), else the value."""
    top = max((v for _, v in rows), default=0) or 1
    span = WIDTH - LABEL_W - 60
    body = []
    for i, (label, value) in enumerate(rows):
        y = i * ROW + 4
        w = max(value / top * span, 1 if value else 0)
        body.append(
            f'<text class="chart-label" x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">'
            f"{label_text(label)}</text>"
            f'<rect class="chart-bar" x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{ROW - 8}"/>'
            f'<text class="chart-value" x="{LABEL_W + w + 6:.1f}" y="{y + 15}">'
            f"{attr(shown[i] if shown else fmt(value) + unit)}</text>"
        )
    return _figure(chart_id, title, WIDTH, len(rows) * ROW + 8, body)


def columns(chart_id: str, title: str, rows: list[tuple[str, float]]) -> str:
    """Vertical columns (a time series), labels below, values above each column."""
    height, base, left = 220, 170, 40
    step = max((WIDTH - left) / max(len(rows), 1), 8)
    width = int(left + step * len(rows)) + 10
    top = max((v for _, v in rows), default=0) or 1
    body = [f'<line class="chart-axis" x1="{left}" y1="{base}" x2="{width - 5}" y2="{base}"/>']
    for i, (label, value) in enumerate(rows):
        x = left + i * step
        h = value / top * (base - 30)
        cx = x + step / 2
        body.append(
            f'<rect class="chart-bar" x="{x + step * 0.15:.1f}" y="{base - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}"/>'
            f'<text class="chart-value" x="{cx:.1f}" y="{base - h - 4:.1f}" '
            f'text-anchor="middle">{attr(fmt(value))}</text>'
            f'<text class="chart-label" x="{cx:.1f}" y="{base + 14}" text-anchor="end" '
            f'transform="rotate(-45 {cx:.1f} {base + 14})">{label_text(label)}</text>'
        )
    return _figure(chart_id, title, width, height, body)
