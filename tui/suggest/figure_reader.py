"""The one figure reader: what a FIGURE span states (value, unit, qualifier), for a span
tagged by hand and for a suggested one alike. Pure (no Textual).

    read_figure(text, start, end)   # {"value": 23, "unit": "people", "qualifier": "at least"}

It reads the number inside ``text[start:end]`` the way the figure rules do, leniently (a
number word alone is a figure: "Two", "four", "at least one"), and looks past the span's
edges: the qualifier cue just before it ("at least" before a span "23") and the counted
noun after it ("people" after a span "at least 23") give the qualifier and the unit even
when a team's spans leave them out. ``qualifier`` is "exact" when no cue is found; which
values a team actually writes is learned from its annotations (``tui.suggest.habits``).
"""

from __future__ import annotations

from tui.suggest.rules.figures import figure_at


def read_figure(text: str, start: int, end: int, demonyms=None) -> dict:
    """{"value", "unit", "qualifier"} of the figure ``text[start:end]`` states (unit only
    when there is one); {} when it holds no number."""
    if demonyms is None:
        from tui.suggest.rules.actors import load_lexicon

        demonyms = load_lexicon().demonyms
    fig = figure_at(text, start, end, demonyms)
    if fig is None or not (fig.core[0] < end and start < max(fig.core[1], fig.core[0] + 1)):
        return {}
    out: dict = {"value": fig.value, "qualifier": fig.qualifier}
    if fig.unit:
        out["unit"] = fig.unit
    return out
