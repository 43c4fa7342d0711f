"""Figures on real news, session 10 (bench/realtext/GUIDELINES.md, FIGURE): a footnote's
number at a line's start is a label, `twice` is a count, a time of h:mm:ss achieved is a
figure. Generated variants; each failed before its change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.figures import find_figures


def _texts(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_figures(text)]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["Unofficial results", "Relative to seats at dissolution", "Includes two by-elections",
                                 "At dissolution, there were 8 independent MPs"]), min_size=1, max_size=4, unique=True),
       st.sampled_from(["", "\n"]))
def test_a_footnotes_number_at_a_lines_start_is_a_label(notes, gap):
    """`1. Unofficial results\\n\\n2. Relative to seats …`: the notes' numbers are no figures; counts
    in them are."""
    text = "Trudeau heads the government.\n\n" + "\n\n".join(f"{i + 1}. {n}" for i, n in enumerate(notes)) + gap
    digits = [g.split()[0] for g in _texts(text) if g[:1].isdigit()]
    assert digits == (["8"] if any("8 independent" in n for n in notes) else [])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["He was re-elected", "Police closed the bridge", "She won the race", "Chirac addressed the parliament"]),
       st.sampled_from(["", " in 2014", " during the war", "."]), st.booleans())
def test_twice_is_a_count(lead, after, up):
    """`He was re-elected twice`, `twice … during which he`: a figure, value 2, no unit."""
    word = "Twice" if up else "twice"
    text = f"{word} {lead[0].lower() + lead[1:]}{after}." if up else f"{lead} {word}{after}."
    (fig,) = [f for f in find_figures(text) if text[f.start:f.end].lower() == "twice"]
    assert fig.value == 2 and fig.unit is None


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["twice as many people", "twice the size of", "twice as large"]))
def test_twice_in_a_comparison_is_no_count(phrase):
    assert [t for t in _texts(f"The new camp holds {phrase} the old one.") if t.lower().startswith("twice")] == []


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 3), st.integers(0, 59), st.integers(0, 59),
       st.sampled_from(["completing the race in {}", "posted a time of {}", "with times of {} and 2:20:55",
                        "followed by Dejene Debela, {}, and Asefa Mengstu"]))
def test_a_time_achieved_in_hours_minutes_and_seconds_is_a_figure(h, mi, sec, frame):
    """`completing the race in 2:14:04`: a figure (GUIDELINES FIGURE: a time achieved is), its
    value in seconds; a time of day (`at 10:30:00 am`) is not."""
    clock = f"{h}:{mi:02d}:{sec:02d}"
    text = "Kosgei won, " + frame.format(clock) + "."
    (fig,) = [f for f in find_figures(text) if text[f.start:f.end] == clock]
    assert fig.value == h * 3600 + mi * 60 + sec and fig.unit == "seconds"
    assert _texts(f"The polls opened at {clock} am.") == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["one", "two", "four", "seven"]), st.integers(1, 3), st.sampled_from(["–", "—"]),
       st.sampled_from(["hours", "days", "people"]))
def test_number_words_joined_by_a_dash_are_one_range(first, step, dash, noun):
    """`left home four–five hours ago`: one figure, its lower end, `at least`, the counted noun."""
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    second = words[words.index(first) + step]
    text = f"He left home {first}{dash}{second} {noun} ago."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.core[1]] == f"{first}{dash}{second}"
    assert fig.value == words.index(first) + 1 and fig.qualifier == "at least" and fig.unit == noun


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["90%", "90 percent", "5,000 people"]))
def test_as_high_as_is_an_up_to_cue(amount):
    """`mortality rates … as high as 90%`: qualifier `up to` (GUIDELINES FIGURE), the cue in the span."""
    text = f"Mortality rates have been as high as {amount} in past outbreaks."
    (fig,) = find_figures(text)
    assert text[fig.start:].startswith("as high as") and fig.qualifier == "up to"
