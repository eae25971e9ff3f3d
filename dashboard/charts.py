"""Charts drawn on the server as SVG, for the dashboard's pages and the board pack's PDF: no
script, readable without colour and in black and white (a line with marked points; each series
its own shade, line pattern and marker; bars carry their numbers). On a page each chart sits
beside a table of the same numbers for screen readers.

There is one line chart and one bar chart. Where a chart is drawn (`SCREEN`, a small trend on the
dashboard; `PRINT`, the board pack for WeasyPrint) decides its size, its axis and its labels.

The charts draw what they are given. Deciding what may be drawn is the caller's job (the board
pack's layout): a value that will not be published arrives as None with the words to show
instead, so a number under 5 can never be read off a bar's length or a line's height.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

INK = "#0b0c0c"
GREY = "#505a5f"
RULE = "#b1b4b6"

#: WeasyPrint does not pass the page's font into SVG text: in print every text element names it.
PRINT_FONT = mark_safe(' font-family="Liberation Sans, Arial, sans-serif"')  # a constant

#: This month, the month before, the same month a year before: dark to light, solid to dotted.
SERIES_STYLES = [
    {"fill": "#1d70b8", "dash": "", "marker": "circle"},
    {"fill": "#003078", "dash": "6 3", "marker": "square"},
    {"fill": "#85994b", "dash": "2 3", "marker": "triangle"},
]


@dataclass(frozen=True)
class Layout:
    """Where a chart is drawn."""

    css_class: str
    width: int
    height: int  # of a line chart; a bar chart is as tall as its bars
    left: int
    right: int
    top: int
    bottom: int
    font: str  # an attribute for every text element, or ""
    title_id: str  # added to the chart's id for its title's
    title_words: str  # added to the chart's title
    legend: bool  # a line chart names its lines above them
    round_top: bool  # the axis goes up to a round number, or to the largest value
    every_month: bool  # each month is named under the line, or the first and the last


#: The dashboard's trends: 320 by 160, narrower on small screens (static/src/_components.scss).
SCREEN = Layout(css_class="app-chart", width=320, height=160, left=36, right=12, top=12,
                bottom=28, font="", title_id="-title",
                title_words=": a chart of the numbers in the table beside it", legend=False,
                round_top=False, every_month=False)

#: The board pack's charts.
PRINT = Layout(css_class="board-chart", width=640, height=180, left=44, right=16, top=28,
               bottom=34, font=PRINT_FONT, title_id="-t", title_words="", legend=True,
               round_top=True, every_month=True)


@dataclass(frozen=True)
class Bar:
    value: float | None  # None: not drawn
    text: str  # the number as printed beside the bar, or why there is no bar


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: list[Bar]  # one per series, in the order of the series names


def _n(value: float) -> str:
    return f"{value:.1f}"


def _join(parts) -> str:
    return format_html_join("", "{}", ((part,) for part in parts))


def _text(layout, x, y, words, *, size=11, anchor="start", fill=INK, weight="normal",
          italic=False):
    return format_html(
        '<text x="{}" y="{}"{} font-size="{}" text-anchor="{}" fill="{}" font-weight="{}"{}>{}'
        "</text>",
        _n(x), _n(y), layout.font, size, anchor, fill, weight,
        mark_safe(' font-style="italic"') if italic else "", words,
    )


def _svg(layout: Layout, body: list[str], *, height: float, title: str, chart_id: str) -> str:
    return format_html(
        '<svg class="{}" id="{}" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="{}{}" xmlns="http://www.w3.org/2000/svg"><title id="{}{}">{}{}'
        "</title>{}</svg>",
        layout.css_class, chart_id, layout.width, f"{height:.0f}", layout.width, f"{height:.0f}",
        chart_id, layout.title_id, chart_id, layout.title_id, title, layout.title_words,
        _join(body),
    )


def _dash(style) -> str:
    return format_html(' stroke-dasharray="{}"', style["dash"]) if style["dash"] else ""


def _marker(kind: str, x: float, y: float, fill: str) -> str:
    if kind == "square":
        return format_html('<rect x="{}" y="{}" width="7" height="7" fill="{}"/>',
                           _n(x - 3.5), _n(y - 3.5), fill)
    if kind == "triangle":
        return format_html('<polygon points="{},{} {},{} {},{}" fill="{}"/>',
                           _n(x), _n(y - 4.5), _n(x + 4.5), _n(y + 3.5), _n(x - 4.5),
                           _n(y + 3.5), fill)
    return format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', _n(x), _n(y), fill)


def _legend(layout: Layout, names: list[str], *, y: float, lines: bool) -> list[str]:
    parts, x = [], 0.0
    for name, style in zip(names, SERIES_STYLES, strict=False):
        if lines:
            parts.append(format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"{}/>',
                _n(x), _n(y - 4), _n(x + 22), _n(y - 4), style["fill"], _dash(style),
            ))
            parts.append(_marker(style["marker"], x + 11, y - 4, style["fill"]))
        else:
            parts.append(format_html('<rect x="{}" y="{}" width="22" height="10" fill="{}"/>',
                                     _n(x), _n(y - 10), style["fill"]))
        parts.append(_text(layout, x + 28, y, name))
        x += 40 + 6.2 * len(name)
    return parts


def bar_chart(groups: list[BarGroup], *, series: list[str], title: str, chart_id: str,
              layout: Layout = PRINT) -> str:
    """Bars side by side for each figure: one per series (this month, last month, last year),
    each with its number written beside it. A bar whose value is None is not drawn; its text
    says why."""
    bar_h, gap, label_h, group_gap = 10, 2, 15, 8
    left, value_room = 4, 150
    span = layout.width - left - value_room
    drawn = [bar.value for group in groups for bar in group.bars if bar.value is not None]
    top = max(drawn, default=0) or 1
    body = _legend(layout, series, y=12, lines=False)
    y = 30.0
    for group in groups:
        body.append(_text(layout, left, y + 10, group.label, weight="bold"))
        y += label_h
        for bar, style in zip(group.bars, SERIES_STYLES, strict=False):
            if bar.value is None:
                body.append(_text(layout, left, y + bar_h - 2, bar.text, size=10, fill=GREY,
                                  italic=True))
            else:
                length = max(span * bar.value / top, 1)
                body.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                                        left, _n(y), _n(length), bar_h, style["fill"]))
                body.append(_text(layout, left + length + 5, y + bar_h - 2, bar.text, size=10))
            y += bar_h + gap
        y += group_gap
    return _svg(layout, body, height=y, title=title, chart_id=chart_id)


def _nice_top(value: float) -> int:
    """A round, even number at or above `value` for the top of an axis (its half is marked)."""
    if value <= 10:
        return 10
    step = 10 ** (len(str(int(value))) - 1)
    for multiple in (1, 2, 3, 4, 5, 6, 8, 10):
        if value <= step * multiple:
            return int(step * multiple)
    return int(value)


def _month_labels(layout: Layout, months: list[date], x_of: dict, base_y: float) -> list[str]:
    if not layout.every_month:
        y = layout.height - 8
        return [
            _text(layout, layout.left, y, f"{months[0]:%b %Y}", fill=GREY),
            _text(layout, layout.width - layout.right, y, f"{months[-1]:%b %Y}", anchor="end",
                  fill=GREY),
        ]
    labels = []
    for index, month in enumerate(months):
        x = x_of[month]
        labels.append(_text(layout, x, base_y + 14, f"{month:%b}", size=9, anchor="middle",
                            fill=GREY))
        if index == 0 or month.month == 1:
            labels.append(_text(layout, x, base_y + 26, f"{month:%Y}", size=9, anchor="middle",
                                fill=GREY))
    return labels


def line_chart(lines: list[tuple[str, list[tuple[date, float | None]]]], *, title: str,
               chart_id: str, layout: Layout = PRINT) -> str:
    """Lines of a figure month by month, one per (name, points). A point whose value is None
    is left out, and the line breaks there. With no months it draws nothing."""
    months = sorted({month for _, points in lines for month, _ in points})
    if not months:
        return ""
    width, left, right = layout.width, layout.left, layout.right
    base_y = layout.height - layout.bottom
    span_y = base_y - layout.top
    drawn = [v for _, points in lines for _, v in points if v is not None]
    top = (_nice_top(max(drawn, default=0)) if layout.round_top
           else max(max(drawn, default=0), 1))
    step = (width - left - right) / max(len(months) - 1, 1)
    x_of = {month: left + (i * step if len(months) > 1 else (width - left - right) / 2)
            for i, month in enumerate(months)}

    def y_of(value):
        return base_y - span_y * value / top

    body = _legend(layout, [name for name, _ in lines], y=12, lines=True) if layout.legend else []
    for fraction in (0, 0.5, 1):
        y = y_of(top * fraction)
        body.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" {}/>', left, _n(y), width - right, _n(y),
            format_html('stroke="{}" stroke-width="0.6"', RULE) if fraction
            else format_html('stroke="{}"', INK),
        ))
        label = top * fraction
        body.append(_text(layout, left - 6, y + 4, f"{label:g}", size=10, anchor="end",
                          fill=GREY))
    body.extend(_month_labels(layout, months, x_of, base_y))
    for (_, points), style in zip(lines, SERIES_STYLES, strict=False):
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
                body.append(format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                    coords, style["fill"], _dash(style),
                ))
            body.extend(_marker(style["marker"], x, y, style["fill"]) for x, y in stretch)
    return _svg(layout, body, height=layout.height, title=title, chart_id=chart_id)
