"""Numbers the words around them make no quantity (an age after ``age``, a date's second day,
a year that names something, a race's distance), and ages set off after a person, which the
team's ``figure_ages`` convention keeps or drops. Generated variants, with controls that
must stay figures (tui/suggest/rules/figcontext.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest import suggest
from tui.suggest.conventions import DEFAULTS, infer, keeps
from tui.suggest.rules.figures import find_figures

NAMES = st.sampled_from(["Andrew Kinsman", "Maria Okafor", "the princess", "the driver", "Smith", "Ahmed Hassan"])
VERBS = st.sampled_from(["was reported missing", "announced her candidacy", "said", "died on Sunday"])
MONTHS = st.sampled_from(["July", "March", "Sept.", "December", "jan"])
NOUNS = st.sampled_from(["people", "homes", "soldiers", "votes", "dollars"])


def _numbers(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_figures(text)]


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 99), st.integers(1, 99),
       st.sampled_from(["at age {n}", "aged above {n}", "aged under {n}", "ages {n} to {m}",
                        "range in age from {n} to {m}", "aged between {n} and {m}", "at the age of {n}"]),
       st.sampled_from(["The suspects ", "He first met them ", "The patients were "]))
def test_a_number_after_age_or_aged_is_an_age(n, m, phrase, lead):
    text = f"{lead}{phrase.format(n=n, m=m)} when it happened."
    assert _numbers(text) == []


@settings(max_examples=120, deadline=None)
@given(MONTHS, st.integers(1, 28), st.integers(2, 31), st.sampled_from(["to", "-", "–", "through", "and"]))
def test_the_second_day_after_a_month_and_its_first_day_is_a_date(month, d1, d2, conn):
    sep = conn if conn in "-–" else f" {conn} "
    text = f"The ship surveyed the plume from {month} {d1}{sep}{d2} of last year."
    assert _numbers(text) == []


@settings(max_examples=120, deadline=None)
@given(st.integers(1900, 2100),
       st.sampled_from(["{Y} wins {y} US Republican delegates.", "Canada {y} general election produces a minority.",
                        "The Wildlife Protection Act, {y} lists jackals.", "Officials said the {y} Olympic Games ended.",
                        "Budget {y} passed the house."]))
def test_a_bare_year_that_names_something_is_no_figure(year, template):
    text = template.format(Y="Donald Trump", y=year)
    assert _numbers(text) == []


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["100", "400", "1500", "10,000", "200"]),
       st.sampled_from(["m", "metres", "meters", "km"]),
       st.sampled_from(["hurdles", "freestyle", "relay", "steeplechase", "individual medley", "breaststroke"]))
def test_a_distance_that_names_a_race_is_no_figure(dist, unit, event):
    text = f"Karsten Warholm won the {dist} {unit} {event} final in Doha."
    assert _numbers(text) == []


@settings(max_examples=120, deadline=None)
@given(st.integers(2, 99), NOUNS, st.sampled_from(["Police said ", "In 2019, ", "On July 4, ", ""]))
def test_counts_around_such_words_still_count(n, noun, lead):
    """Controls: a count with its noun stays a figure, after a date, a year or a name."""
    text = f"{lead}{n} {noun} were counted, officials said."
    assert any(s.startswith(str(n)) for s in _numbers(text))


@settings(max_examples=60, deadline=None)
@given(st.integers(1900, 2100), NOUNS)
def test_a_four_digit_count_before_its_plural_noun_stays_a_figure(n, noun):
    text = f"Officials said {n} {noun} were lost."
    assert _numbers(text) == [f"{n} {noun}"]


@settings(max_examples=120, deadline=None)
@given(NAMES, st.integers(1, 110), VERBS, st.booleans())
def test_an_age_set_off_after_a_person_is_flagged_and_the_convention_decides(name, age, verb, bracket):
    text = f"Officials said {name} ({age}) {verb}." if bracket else f"Officials said {name}, {age}, {verb}."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == str(age) and fig.age
    assert keeps(DEFAULTS, fig) and not keeps(DEFAULTS.__class__(figure_ages=False), fig)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["He", "She"]), st.integers(1, 110))
def test_he_was_n_is_an_age(pronoun, age):
    text = f"The host died on Friday. {pronoun} was {age}. His show ran for years."
    (fig,) = find_figures(text)
    assert fig.age and text[fig.start:fig.end] == str(age)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 99), st.integers(2, 99))
def test_numbers_in_a_list_or_after_a_count_are_no_ages(a, b):
    text = f"Police said {a} people were hurt, {b} seriously, and {a}, {b} or more fled."
    assert not any(f.age for f in find_figures(text))


AGES = ("Andrew Kinsman, 49, was reported missing. Police found 12 bodies. "
        "The driver, 61, said 40 people had left.")


@pytest.mark.parametrize("tagged,kept", [((), False), (("49", "61"), True)])
def test_whether_ages_are_figures_is_learned(tagged, kept):
    """figure_ages: a team that tags the counts but not the ages set off after a person gets
    no such age suggested; one that tags them keeps them (the rules' default)."""
    class S:
        def __init__(self, said):
            self.start = AGES.index(said)
            self.end, self.label = self.start + len(said), "FIGURE"

    g = infer([(AGES, [S("12 bodies"), S("40 people"), *(S(t) for t in tagged)])])
    assert g.conventions.figure_ages is kept
    assert g.findings["figure_ages"].source == "inferred"
    got = [s.text for s in suggest(AGES, conventions=g.conventions).spans if s.label == "FIGURE"]
    assert ("49" in got and "61" in got) is kept
    assert "12 bodies" in got and "40 people" in got


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["fifteen", "235", "two", "at least 40"]),
       st.sampled_from(["Democrats", "Republicans", "Conservatives", "Catholics", "Socialists", "Liberals", "Labourites"]),
       st.sampled_from(["defected", "voted against her", ", officials said", "."]))
def test_members_of_a_party_or_faith_are_a_counted_noun(n, members, after):
    """"fifteen Democrats defected": a capitalised member plural is what the number counts
    (a number word with no counted noun is no figure, so it was missed)."""
    text = f"Altogether, {n} {members} {after}".replace(" ,", ",").replace(" .", ".")
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == f"{n} {members}" and fig.unit == members


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Three", "Five", "Seven"]), st.sampled_from(["Things", "Rivers", "Gorges", "Brothers"]),
       st.sampled_from(["Dam", "You Need", "Pub"]))
def test_a_capitalised_plural_inside_a_name_is_no_counted_noun(n, plural, rest):
    assert find_figures(f"They met at the {n} {plural} {rest} on Monday.") == []


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(["Four", "Two", "Seventeen", "Three"]),
       st.sampled_from(["stabbed to death at Paris police headquarters", "arrested after raid", "feared dead after blast",
                        "hospitalised after crash", "missing in floods", "shot in Texas", "rescued from mine"]))
def test_a_headline_count_of_what_befalls_people_is_a_figure(n, rest):
    """"Four stabbed to death at Paris police headquarters": a number word alone before the
    passive of what happened to people counts them, as before "killed" or "injured"."""
    text = f"{n} {rest}\n\nPolice said the attack began at noon."
    assert [text[f.start:f.end] for f in find_figures(text)] == [n]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Three", "Two", "Five"]), st.sampled_from(["confirmed the report", "agreed", "left early", "said so"]))
def test_a_number_word_before_an_active_verb_is_still_no_figure(n, rest):
    """Controls: "Three confirmed the report" (a pronoun-like subject) is no count; the
    passive list holds only what befalls people, and "confirmed" only in "confirmed dead"."""
    assert find_figures(f"Officials met. {n} {rest} on Monday.") == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["seventeen", "twelve", "four"]), st.sampled_from(["the Armed Forces", "those villages"]))
def test_a_number_word_before_from_the_counts(n, source):
    text = f"Ninety civilians were wounded, as were {n} from {source}, officials said."
    assert n in [text[f.start:f.end] for f in find_figures(text)]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["MP", "lawmaker", "delegate", "female", "adult"]),
       st.sampled_from([" of the People's Party", " was injured", " from Ohio"]))
def test_one_counts_one_more_kind_of_person(noun, after):
    text = f"At dissolution there was one {noun}{after}."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == f"one {noun}" and fig.unit.lower() == noun.lower()


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 50), st.sampled_from(["U.S. Code", "U.S.C.", "USC", "CFR", "C.F.R."]), st.integers(1, 9999))
def test_a_legal_codes_title_number_is_no_figure(title, code, section):
    text = f"The notice alleged a violation of {title} {code} § {section} on Friday."
    assert not any(f.value == title for f in find_figures(text))


AGE_PHRASES = st.sampled_from(["aged {n}", "at age {n}", "at the age of {n}", "{n} years old", "a {n}-year-old",
                               "the {w}-year-old", "{W}-year-old"])
WORDS = st.sampled_from(["two", "fourteen", "twenty-five", "sixty", "ninety-nine", "eleven"])


@settings(max_examples=120, deadline=None)
@given(AGE_PHRASES, st.integers(1, 110), WORDS, st.booleans(), st.sampled_from(["The man", "Officials said the victim"]))
def test_ages_in_words_teach_whether_ages_are_figures(phrase, n, word, tagged, lead):
    """A document whose only age is said in words the rules never count (``aged 36``, ``a
    36-year-old``, ``Fourteen-year-old``) still shows the team's way with ages: left untagged
    beside its figures it says "out" (before, no set-off age meant the default "in"), tagged it
    says "in"; ages set off after a person then follow."""
    said = phrase.format(n=n, w=word, W=word.capitalize())
    text = f"{lead}, {said}, was found. Police found 12 bodies and 40 people fled."
    num = said.split()[-1] if "old" not in said else said.replace("-year-old", "").replace(" years old", "")
    num = num.split()[-1]
    at = text.index(num, len(lead))

    class S:
        def __init__(self, start, end):
            self.start, self.end, self.label = start, end, "FIGURE"

    spans = [S(text.index("12 bodies"), text.index("12 bodies") + 9), S(text.index("40 people"), text.index("40 people") + 9)]
    g = infer([(text, spans + ([S(at, at + len(num))] if tagged else []))])
    assert (g.findings["figure_ages"].votes_in, g.findings["figure_ages"].votes_out) == ((1, 0) if tagged else (0, 1))
    assert g.conventions.figure_ages is tagged
    later = "Andrew Kinsman, 49, was reported missing."
    assert ("49" in [s.text for s in suggest(later, conventions=g.conventions).spans]) is tagged


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 99), st.sampled_from(["36 years ago", "for 36 years", "36-year sentence", "a 36-year career",
                                            "1936", "36 years"]))
def test_years_that_are_no_age_teach_nothing(n, phrase):
    from tui.suggest.rules.figcontext import age_phrases

    assert age_phrases(f"He served {phrase.replace('36', str(n))} in the army.") == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["number", "total", "count"]), st.sampled_from(["women", "seats", "nurses", "delegates"]),
       st.integers(1, 110))
def test_a_number_set_off_after_the_number_of_something_is_a_count(word, noun, n):
    """``the greatest number of women, 102, and people of colour``: the number set off after
    ``number of X`` is that count, never an age (it was flagged one, and left out for a team
    that leaves ages out)."""
    text = f"The new House has the greatest {word} of {noun}, {n}, and of newcomers, 12, in its history."
    figs = [f for f in find_figures(text) if text[f.start:f.end] == str(n)]
    assert figs and not figs[0].age
