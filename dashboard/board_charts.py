"""The board pack's charts, drawn on the server as SVG for WeasyPrint: no script, readable in black
and white (each series has its own shade and line pattern, and bars carry their numbers).

The charts draw what they are given. Deciding what may be drawn is the board layout's job
(`boardpack.board`): a value it will not publish arrives as None with the words to show instead,
so a number under 5 can never be read off a bar's length or a line's height.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import mark_safe

#: WeasyPrint does not pass the page's font into SVG text: every text element names it.
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'
INK = "#0b0c0c"
GREY = "#505a5f"
RULE = "#b1b4b6"

#: This month, the month before, the same month a year before: dark to light, solid to dotted.
SERIES_STYLES = [
    {"fill": "#1d70b8", "dash": "", "marker": "circle"},
    {"fill": "#003078", "dash": "6 3", "marker": "square"},
    {"fill": "#85994b", "dash": "2 3", "marker": "triangle"},
]

WIDTH = 640


@dataclass(frozen=True)
class Bar:
    value: float | None  # None: not drawn
    text: str  # the number as printed beside the bar, or why there is no bar


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: list[Bar]  # one per series, in the order of the series names


def _text(x, y, words, *, size=11, anchor="start", fill=INK, weight="normal", italic=False):
    style = ' font-style="italic"' if italic else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}"{style}>{escape(words)}</text>')


def _svg(body: list[str], *, height: float, title: str, chart_id: str) -> str:
    return mark_safe(
        f'<svg class="board-chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" role="img" aria-labelledby="{escape(chart_id)}-t" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{escape(chart_id)}-t">{escape(title)}'
        f'</title>{"".join(body)}</svg>'
    )


def _legend(names: list[str], *, y: float, lines: bool) -> list[str]:
    parts, x = [], 0.0
    for name, style in zip(names, SERIES_STYLES, strict=False):
        if lines:
            dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
            parts.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 22:.1f}" '
                         f'y2="{y - 4:.1f}" stroke="{style["fill"]}" stroke-width="2.5"{dash}/>')
            parts.append(_marker(style["marker"], x + 11, y - 4, style["fill"]))
        else:
            parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="22" height="10" '
                         f'fill="{style["fill"]}"/>')
        parts.append(_text(x + 28, y, name))
        x += 40 + 6.2 * len(name)
    return parts


def _marker(kind: str, x: float, y: float, fill: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{fill}"/>'
    if kind == "triangle":
        return (f'<polygon points="{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} '
                f'{x - 4.5:.1f},{y + 3.5:.1f}" fill="{fill}"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{fill}"/>'


def bar_chart(groups: list[BarGroup], *, series: list[str], title: str, chart_id: str) -> str:
    """Bars side by side for each figure: one per series (this month, last month, last year),
    each with its number written beside it. A bar whose value is None is not drawn; its text
    says why."""
    bar_h, gap, label_h, group_gap = 10, 2, 15, 8
    left, value_room = 4, 150
    span = WIDTH - left - value_room
    drawn = [bar.value for group in groups for bar in group.bars if bar.value is not None]
    top = max(drawn, default=0) or 1
    body = _legend(series, y=12, lines=False)
    y = 30.0
    for group in groups:
        body.append(_text(left, y + 10, group.label, weight="bold"))
        y += label_h
        for bar, style in zip(group.bars, SERIES_STYLES, strict=False):
            if bar.value is None:
                body.append(_text(left, y + bar_h - 2, bar.text, size=10, fill=GREY,
                                  italic=True))
            else:
                length = max(span * bar.value / top, 1)
                body.append(f'<rect x="{left}" y="{y:.1f}" width="{length:.1f}" '
                            f'height="{bar_h}" fill="{style["fill"]}"/>')
                body.append(_text(left + length + 5, y + bar_h - 2, bar.text, size=10))
            y += bar_h + gap
        y += group_gap
    return _svg(body, height=y, title=title, chart_id=chart_id)


def _nice_top(value: float) -> int:
    """A round, even number at or above `value` for the top of an axis (its half is marked)."""
    if value <= 10:
        return 10
    step = 10 ** (len(str(int(value))) - 1)
    for multiple in (1, 2, 3, 4, 5, 6, 8, 10):
        if value <= step * multiple:
            return int(step * multiple)
    return int(value)


def trend_chart(lines: list[tuple[str, list[tuple[date, float | None]]]], *, title: str,
                chart_id: str) -> str:
    """Lines of a figure month by month, one per (name, points). A point whose value is None
    is left out, and the line breaks there."""
    months = sorted({month for _, points in lines for month, _ in points})
    if not months:
        return ""
    height, left, right, top_y, bottom = 180, 44, 16, 28, 34
    base_y = height - bottom
    span_y = base_y - top_y
    drawn = [v for _, points in lines for _, v in points if v is not None]
    top = _nice_top(max(drawn, default=0))
    step = (WIDTH - left - right) / max(len(months) - 1, 1)
    x_of = {month: left + (i * step if len(months) > 1 else (WIDTH - left - right) / 2)
            for i, month in enumerate(months)}

    def y_of(value):
        return base_y - span_y * value / top

    body = _legend([name for name, _ in lines], y=12, lines=True)
    for fraction in (0, 0.5, 1):
        y = y_of(top * fraction)
        stroke = f'stroke="{RULE}" stroke-width="0.6"' if fraction else f'stroke="{INK}"'
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
                    f'{stroke}/>')
        label = top * fraction
        body.append(_text(left - 6, y + 4, f"{label:g}", size=10, anchor="end", fill=GREY))
    for index, month in enumerate(months):
        x = x_of[month]
        body.append(_text(x, base_y + 14, f"{month:%b}", size=9, anchor="middle", fill=GREY))
        if index == 0 or month.month == 1:
            body.append(_text(x, base_y + 26, f"{month:%Y}", size=9, anchor="middle",
                              fill=GREY))
    for (_, points), style in zip(lines, SERIES_STYLES, strict=False):
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        run: list[tuple[float, float]] = []
        runs = [run]
        for month, value in sorted(points):
            if value is None:
                run = []
                runs.append(run)
                continue
            run.append((x_of[month], y_of(value)))
        for stretch in runs:
            if len(stretch) > 1:
                coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in stretch)
                body.append(f'<polyline points="{coords}" fill="none" stroke="{style["fill"]}" '
                            f'stroke-width="2.5"{dash}/>')
            body.extend(_marker(style["marker"], x, y, style["fill"]) for x, y in stretch)
    return _svg(body, height=height, title=title, chart_id=chart_id)
