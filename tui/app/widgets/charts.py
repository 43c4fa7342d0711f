"""Terminal charts for the dashboard, drawn as Rich ``Text`` (never markup built from data).

Bars use eighth blocks, so a 20-cell bar shows 160 steps; a stacked bar shows done / in
progress / not started. Names are passed through :func:`tui.display.one_line`. The trend is
drawn as columns on an absolute 0-1 scale (Textual's ``Sparkline`` scales min..max, which
makes 0.58 -> 0.72 look like nothing -> everything).
"""

from __future__ import annotations

from rich.text import Text

from tui.display import one_line

EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, total: float, width: int) -> str:
    """A bar of ``width`` cells filled to ``value / total`` (eighth-cell steps)."""
    if total <= 0 or width <= 0:
        return " " * max(width, 0)
    eighths = round(max(0.0, min(1.0, value / total)) * width * 8)
    full, rest = divmod(eighths, 8)
    out = "█" * full + (EIGHTHS[rest] if rest else "")
    return out + " " * (width - len(out))


def stacked(parts: list[tuple[int, str]], total: int, width: int, empty: str = "dim", rest: str = "░") -> Text:
    """One bar of ``width`` cells split into (count, style) parts, whole cells each, the
    rest of ``total`` drawn as ``rest`` in ``empty``."""
    text = Text()
    used = 0
    if total > 0:
        acc = 0
        for count, style in parts:
            acc += count
            cells = round(acc / total * width) - used
            if count and cells <= 0 and used < width:
                cells = 1  # a non-zero part is always visible
            cells = min(cells, width - used)
            text.append("█" * cells, style=style)
            used += cells
    text.append(rest * (width - used), style=empty)
    return text


def number(v: float | None, digits: int = 2) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def name_cell(name: str, width: int) -> Text:
    """``name`` cut to ``width`` cells and padded (safe for any terminal)."""
    shown = one_line(name, width)
    return Text(shown + " " * max(0, width - len(shown)))


def score_row(name: str, value: float | None, width: int, name_width: int, suffix: str = "") -> Text:
    """``name  ████▌     0.82 suffix``: a 0-1 score as a bar (negative scores show no bar)."""
    row = name_cell(name, name_width)
    style = "green" if value is not None and value >= 0.8 else "yellow" if value is not None and value >= 0.6 else "red"
    row.append(" ")
    row.append(bar(value or 0.0, 1.0, width), style=style)
    row.append(f" {number(value):>5}")
    if suffix:
        row.append(suffix, style="dim")
    return row


BLOCKS = " ▁▂▃▄▅▆▇█"


def columns(values: list[float | None], width: int, height: int, style: str = "green") -> Text:
    """Vertical bars of 0-1 ``values`` (None: no bar), ``height`` rows high on an absolute
    0-1 scale, spread over ``width`` cells (each value gets the same whole number of cells,
    with a one-cell gap when there is room)."""
    n = len(values)
    if not n or width <= 0 or height <= 0:
        return Text()
    cell = max(1, width // n)
    bar_w = cell - 1 if cell > 2 else cell
    rows = []
    for r in range(height - 1, -1, -1):  # top row first
        line = Text()
        for v in values:
            eighths = 0 if v is None else round(max(0.0, min(1.0, v)) * height * 8)
            fill = max(0, min(8, eighths - r * 8))
            line.append(BLOCKS[fill] * bar_w, style=style)
            line.append(" " * (cell - bar_w))
        rows.append(line)
    return Text("\n").join(rows)
