"""Bar charts as inline SVG, drawn on the server: no script, readable without CSS.

Each chart is an `<svg role="img">` with a `<title>` that says what it shows; the
table beside it carries the same numbers for screen readers and for copying.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
BAR_COLOUR = "#a31d1d"
TEXT_COLOUR = "#333"
GRID_COLOUR = "#ddd"


def _scale_top(largest: int) -> int:
    """A round top for the axis: 1, 2, 5, 10, 20, 50…"""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= largest:
                return step * magnitude
        magnitude *= 10


def column_chart(
    bars: list[tuple[str, int]], *, title: str, chart_id: str, height: int = 240
) -> SafeString:
    """One column per (label, value), values written above the columns."""
    if not bars:
        return mark_safe("")
    top = _scale_top(max(value for _, value in bars) or 1)
    left, bottom, head = 36, 28, 18
    plot_h = height - bottom - head
    slot = (WIDTH - left) / len(bars)
    bar_w = min(56, slot * 0.6)
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="{}">{}</text>',
        (
            (
                left,
                WIDTH,
                round(head + plot_h * (1 - f), 1),
                round(head + plot_h * (1 - f), 1),
                GRID_COLOUR,
                left - 6,
                round(head + plot_h * (1 - f) + 4, 1),
                TEXT_COLOUR,
                round(top * f),
            )
            for f in (0, 0.5, 1)
        ),
    )
    columns = format_html_join(
        "",
        '<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text></g>',
        (
            (
                label,
                value,
                round(left + slot * i + (slot - bar_w) / 2, 1),
                round(head + plot_h * (1 - value / top), 1),
                round(bar_w, 1),
                round(plot_h * value / top, 1),
                BAR_COLOUR,
                round(left + slot * i + slot / 2, 1),
                round(head + plot_h * (1 - value / top) - 4, 1),
                TEXT_COLOUR,
                value,
                round(left + slot * i + slot / 2, 1),
                height - 8,
                TEXT_COLOUR,
                label,
            )
            for i, (label, value) in enumerate(bars)
        ),
    )
    return _svg(chart_id, height, title, grid + columns)


def bar_chart(
    bars: list[tuple[str, int]], *, title: str, chart_id: str, label_width: int = 330
) -> SafeString:
    """One horizontal bar per (label, value), for long labels such as titles."""
    if not bars:
        return mark_safe("")
    largest = max(value for _, value in bars) or 1
    row_h, gap = 22, 6
    height = len(bars) * (row_h + gap) + gap
    room = WIDTH - label_width - 60
    rows = format_html_join(
        "",
        "<g><title>{}: {}</title>"
        '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-size="12" fill="{}">{}</text></g>',
        (
            (
                label,
                value,
                label_width - 8,
                gap + i * (row_h + gap) + 15,
                TEXT_COLOUR,
                _short(label, 48),
                label_width,
                gap + i * (row_h + gap),
                round(max(room * value / largest, 1), 1),
                row_h,
                BAR_COLOUR,
                round(label_width + max(room * value / largest, 1) + 6, 1),
                gap + i * (row_h + gap) + 15,
                TEXT_COLOUR,
                value,
            )
            for i, (label, value) in enumerate(bars)
        ),
    )
    return _svg(chart_id, height, title, rows)


def _svg(chart_id: str, height: int, title: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="stats-chart" role="img" aria-labelledby="{id}" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}">{title}</title>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        body=body,
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
