"""Trend charts drawn on the server as SVG: no script, readable without colour (a line with
marked points), and always shown beside a table of the same numbers for screen readers."""

from datetime import date

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 12, 28


def _month(month: date) -> str:
    return f"{month:%b %Y}"


def line_chart(points: list[tuple[date, int]], *, title: str, chart_id: str) -> str:
    """An SVG line of a count month by month. With no months kept it draws nothing."""
    if not points:
        return ""
    top = max(max(value for _, value in points), 1)
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    step = span_x / (len(points) - 1) if len(points) > 1 else 0
    xy = [
        (LEFT + (i * step if len(points) > 1 else span_x / 2),
         TOP + span_y - span_y * value / top)
        for i, (_, value) in enumerate(points)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = format_html_join(
        "", '<circle cx="{}" cy="{}" r="3" class="app-chart__point"></circle>',
        ((f"{x:.1f}", f"{y:.1f}") for x, y in xy),
    )
    return format_html(
        '<svg class="app-chart" id="{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" '
        'aria-labelledby="{id}-title" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}: a chart of the numbers in the table beside it</title>'
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="#0b0c0c"></line>'
        '<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#0b0c0c"></line>'
        '<text x="{label_x}" y="{top_y}" text-anchor="end" font-size="11">{top_value}</text>'
        '<text x="{label_x}" y="{base}" text-anchor="end" font-size="11">0</text>'
        '<text x="{left}" y="{month_y}" font-size="11">{first}</text>'
        '<text x="{right}" y="{month_y}" text-anchor="end" font-size="11">{last}</text>'
        '<polyline points="{line}" fill="none" stroke="#1d70b8" stroke-width="3"></polyline>'
        '{dots}</svg>',
        id=chart_id, w=WIDTH, h=HEIGHT, title=title, left=LEFT, right=WIDTH - RIGHT,
        base=TOP + span_y, top=TOP, label_x=LEFT - 6, top_y=TOP + 4, top_value=top,
        month_y=HEIGHT - 8, first=_month(points[0][0]), last=_month(points[-1][0]), line=line,
        dots=dots,
    )
