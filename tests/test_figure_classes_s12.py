"""Figures on unseen news, session 12 (helper figmiss; bench/realtext/GUIDELINES.md, FIGURE): figures
GUIDELINES marks that the rules missed or cut, in classes that recur in at least three texts of the
unannotated pool (/work/pool). Generated variants; each failed before its change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.rules.figures import find_figures


def _texts(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_figures(text)]


WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "nine": 9, "twelve": 12, "twenty": 20}
ORDER = ["other", "first", "last", "remaining", "inner", "final", "top"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(WORDS)), st.sampled_from(ORDER), st.sampled_from(["the", "The", "their", "these"]),
       st.sampled_from(["One was pronounced dead, with {} being taken to a hospital.",
                        "{} were kept in a hydrogen atmosphere.", "He had already won {}.",
                        "It moved away from {}, the black hole and the star.", "{} listed on the paper left."]))
def test_the_other_three_counted_again_is_a_figure(word, order, the, frame):
    """`with the other three being taken to a hospital`, `after the first two.`, `the inner two,`:
    things counted before, counted again after `the` + a word of order, with no noun, are a figure
    with no unit, like `the twelve` (GUIDELINES)."""
    if frame.startswith("{}") != the[0].isupper():
        the = the.capitalize() if frame.startswith("{}") else the.lower()
    text = frame.format(f"{the} {order} {word}")
    figs = [f for f in find_figures(text) if text[f.start:f.end] == word]
    assert [(f.value, f.unit) for f in figs] == [(WORDS[word], None)]


@given(st.sampled_from(ORDER), st.sampled_from(["two said nothing", "three Gorges flooded", "one left",
                                                 "two-party talks stalled", "two added that"]))
def test_the_other_two_speaking_or_named_is_no_figure(order, rest):
    """`The other two said`, `the first one`: no count again (the rules' own guideline, as for `the two`)."""
    assert _texts(f"Later, the {order} {rest}.") == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(WORDS)), st.sampled_from(sorted(WORDS)),
       st.sampled_from(["the", "the territory's", "its", "the state's", "their"]),
       st.sampled_from(["delegates", "access lanes", "board members", "seats"]),
       st.sampled_from(["He secured {}, as well as others.", "For decades, {} had been reserved.", "{} resigned."]))
def test_the_second_count_in_n_of_the_m_is_its_own_figure(part, whole, of, noun, frame):
    """`five of the territory's six delegates`, `three of the twelve access lanes`: two figures, like
    `39 of the state's 40 delegates` (GUIDELINES); the first keeps the noun counted after the second."""
    phrase = f"{part} of {of} {whole} {noun}"
    text = frame.format(phrase[0].upper() + phrase[1:] if frame.startswith("{}") else phrase)
    figs = [f for f in find_figures(text) if text[f.start:f.end].lower() in (part, f"{whole} {noun}")]
    assert [(f.value, f.unit) for f in figs] == [(WORDS[part], noun.split()[-1]), (WORDS[whole], noun.split()[-1])]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["zero", "Zero", "ZERO"]),
       st.sampled_from([("{} percent", "percent"), ("{} game elements", "elements"), ("{} casualties", "casualties")]),
       st.sampled_from(["A poll rounded his number to {}.", "The early versions had {} and little else.",
                        "{} were reported by the ministry."]))
def test_zero_counted_is_a_figure(zero, phrase, frame):
    """`rounded his number to zero percent`, `zero game elements`: zero is a count like any other
    (value 0), with its percent or counted noun."""
    said = phrase[0].format(zero)
    text = frame.format(said)
    (fig,) = [f for f in find_figures(text) if text[f.start:f.end].lower().startswith("zero")]
    assert (fig.value, fig.unit, text[fig.core[0]:fig.core[1]]) == (0, phrase[1], zero)


@given(st.sampled_from(["almost", "nearly", "close to"]), st.sampled_from(["dropped to {}", "fell to {} in places"]))
def test_almost_zero_is_a_figure_with_its_qualifier(cue, frame):
    """`the incidence dropped, in some cases to almost zero`: 0, `about`."""
    text = "The incidence " + frame.format(f"{cue} zero") + "."
    (fig,) = find_figures(text)
    assert (text[fig.start:fig.end], fig.value, fig.qualifier) == (f"{cue} zero", 0, "about")


@given(st.sampled_from(["Ground Zero", "Patient Zero", "a zero-tolerance policy", "zero hour", "Zero Dark Thirty",
                        "the zero-emission zone", "Year Zero"]))
def test_zero_in_a_name_or_an_adjective_is_no_figure(phrase):
    assert _texts(f"Officials described {phrase} on Monday.") == []


LISTS = ["The motion passed with {n} votes in favour, {m} abstentions, and one {thing} against.",
         "I remember I scored {n} wins and one {thing}.", "Police seized {n} rifles, {m} shotguns and one {thing}.",
         "There were {n} Democrats opposed, and one {thing} supported."]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LISTS), st.sampled_from(["2", "15", "215", "two", "eight", "twelve"]),
       st.sampled_from(["3", "ten", "four"]), st.sampled_from(["vote", "loss", "pistol", "independent", "draw", "ballot"]))
def test_one_thing_in_a_list_of_counts_is_a_figure(frame, n, m, thing):
    """`215 votes in favour, ten abstentions, and one vote against`, `eight wins and one loss`: `one`
    in a list of counts is a count, not `a` (GUIDELINES: `one MP …, one MP… and 8 independent MPs`),
    its unit the thing counted."""
    text = frame.format(n=n, m=m, thing=thing)
    ones = [f for f in find_figures(text) if text[f.core[0]:f.core[1]] == "one"]
    assert [(f.value, f.unit) for f in ones] == [(1, thing)]


@given(st.sampled_from(["They were two Argentinians, one from France, and a German.",
                        "He wrote three books, one with his wife.",
                        "Two cases were aged above 60, two between 51 and 60, and one 41-50 years old.",
                        "It ran two studies, one of which failed.", "They saw four films and one another.",
                        "Five people died, and one day later the bridge closed.",
                        "Six ministers resigned, and one said he would stay."]))
def test_one_after_a_count_standing_for_one_of_them_is_no_figure(text):
    """`three books, one with his wife`: `one` standing for one of the things counted (GUIDELINES)."""
    assert [f for f in find_figures(text) if text[f.core[0]:f.core[1]] == "one"] == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 450), st.integers(0, 449), st.sampled_from(["-to-", "–", "-", " to "]),
       st.sampled_from(["The vote passed primarily along party lines, {}.", "The articles passed by votes of {} respectively.",
                        "In other results, Maroochydore defeated Caboolture {}, and Noosa lost.",
                        "The confirmation resulted in a {} majority for conservatives.", "The Senate voted {} to acquit."]))
def test_a_score_or_a_vote_is_two_figures(a, b, dash, frame):
    """`230-to-198`, `43–5`, `a 6–3 majority`: a tally is two counts, each a figure with no unit; a
    range runs upward (`16–17 percent`), a tally does not."""
    if b > a or dash == " to " and ("majority" in frame or "Caboolture" in frame or a < 20):
        return
    text = frame.format(f"{a}{dash}{b}")
    assert [(text[f.start:f.end], f.value, f.unit) for f in find_figures(text)] == [(str(a), a, None), (str(b), b, None)]


@given(st.sampled_from(["coaching in 2012–13.", "the period known as Prohibition (1919–33).", "by 2024-25:",
                        "Maybe 2009–11, something like that."]))
def test_a_span_of_years_is_no_tally(phrase):
    assert _texts(f"They had {phrase}") == []


@given(st.integers(1, 400), st.integers(1, 50), st.sampled_from(["-to-", "–", "-"]))
def test_a_range_upward_stays_one_figure(a, d, dash):
    text = f"It took {a}{dash}{a + d} days."
    assert _texts(text) == [f"{a}{dash}{a + d} days"]


ELLIPTIC = ["In addition to the deaths, {n} were reported hospitalised with {w} seriously injured.",
            "Of the territory's {n} delegates, Sanders secured {w} with about 63% of the vote.",
            "He was sentenced to {n} years in prison, serving {w} before being granted clemency.",
            "The plan adds {n} justices: {n} Republicans, {n} Democrats, and {w} to be chosen by the others.",
            "First {n} people joined, then {w} more came from the village."]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ELLIPTIC), st.sampled_from(["15", "33", "2,300", "fourteen", "six"]),
       st.sampled_from(sorted(WORDS)))
def test_a_count_with_its_noun_left_out_after_a_count_is_a_figure(frame, n, w):
    """`33 were reported hospitalised with five seriously injured`, `Of the territory's six
    delegates, Sanders secured four with`: a number word with no noun after a count in the same
    sentence counts the same things (GUIDELINES: `39 are confirmed dead`, `at least 50 more`)."""
    text = frame.format(n=n, w=w)
    last = text.rindex(f" {w} ") + 1
    assert [(f.value, f.unit) for f in find_figures(text) if f.core == (last, last + len(w))] == [(WORDS[w], None)]


@given(st.sampled_from(sorted(WORDS)), st.sampled_from([
    "She had {n} brothers and when I was {w}, we moved.", "He won {n} games and then turned {w} in May.",
    "The {n} players who made the Top {W} list left.", "Negron served {n} years of a thirty-{w} year sentence.",
    "In 2019 she was {w}.", "They sold {n} copies at {w} on Monday.",
    "The deceased were aged {n}, {w}, and 49.", "They picked an {n} year old half back and a {w} eighth."]), st.sampled_from(["8", "eight"]))
def test_a_number_word_after_a_count_that_is_an_age_a_name_or_a_compound_is_no_figure(w, frame, n):
    text = frame.format(n=n, w=w, W=w.capitalize())
    assert [t for t in _texts(text) if t.lower() == w] == []


@given(st.sampled_from(sorted(WORDS)), st.sampled_from(["At least five of the {} CentOS Governing Board listed",
                                                         "Three of its {} Board members left"]))
def test_the_whole_of_a_part_is_a_figure_before_a_name(w, frame):
    """`At least five of the nine CentOS Governing Board listed`: the whole is a count though a name follows."""
    text = frame.format(w) + "."
    assert w in _texts(text) or f"{w} Board members" in _texts(text)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Only", "only", "never", "Never", "not", "just", "exactly"]),
       st.sampled_from(["{} once before has Congress voted to hold an officer in contempt.",
                        "They fed me and {} once told me to go to work.",
                        "I don't remember, certainly {} once after 2014.", "It happened {} once."]))
def test_once_counted_after_only_or_never_is_a_figure(word, frame):
    """`Only once before has Congress voted`, `never once told me`: `once` counting occurrences
    (GUIDELINES: a count of occurrences is a figure; `more than once` already was)."""
    if frame.startswith("{}") != word[0].isupper():
        word = word.capitalize() if frame.startswith("{}") else word.lower()
    text = frame.format(word)
    assert [(text[f.start:f.end], f.value) for f in find_figures(text)
            if text[f.start:f.end].lower() == "once"] == [("once", 1)]


@given(st.sampled_from(["Once she left, the door closed.", "He was once a teacher.", "The town once had a mill.",
                        "Do it at once.", "Once upon a time there was a king."]))
def test_once_as_a_conjunction_or_formerly_is_no_figure(text):
    assert [t for t in _texts(text) if t.lower() == "once"] == []
