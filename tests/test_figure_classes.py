"""Classes of figures (and of numbers that are none), generated: the rules and the one
figure reader must hold for every variant, not only the quoted case."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.figure_reader import read_figure
from tui.suggest.rules.actors import load_lexicon
from tui.suggest.rules.figures import find_figures

DEMONYMS = load_lexicon().demonyms

PRONOUN_MAKERS = ["some", "any", "every", "each", "no", "this", "that", "the", "which", "another"]
AFTER = [" of us departs", " of them said", " who left", " else knew", " knows", ", he said"]


def _cap(word: str, up: bool) -> str:
    return word[0].upper() + word[1:] if up else word


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PRONOUN_MAKERS), st.sampled_from(AFTER), st.booleans(),
       st.sampled_from(["", "Officials said that because ", "He added: "]))
def test_one_after_a_determiner_is_a_pronoun_not_a_figure(maker, after, up, before):
    """"some one of us departs", "no one knows", "every one of them": no figure ("some"
    is also a qualifier cue, which made "some one" read as about 1)."""
    text = f"{before}{_cap(maker, up and not before)} one{after}."
    assert find_figures(text) == []


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["some", "Some", "about", "nearly"]), st.sampled_from(["hundred", "thousand", "million"]),
       st.sampled_from(["people", "homes", "soldiers"]))
def test_one_with_a_scale_after_a_cue_still_counts(cue, scale, noun):
    text = f"Officials said {cue} one {scale} {noun} left."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == f"{cue} one {scale} {noun}" and fig.qualifier == "about"


@given(st.sampled_from(["all but one of the petitioners", "all but one victim", "at least one was hurt"]))
def test_one_as_a_count_stays_a_figure(phrase):
    text = f"Officials said {phrase} on Monday."
    (fig,) = find_figures(text)
    assert fig.value == 1


WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]
NOUNS = ["rockets", "soldiers", "people", "homes", "attacks", "drones", "civilians"]


def _spelt(n: int, words: bool) -> str:
    return WORDS[n] if words else str([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20][n])


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(WORDS) - 2), st.integers(1, 3), st.booleans(), st.sampled_from(NOUNS),
       st.sampled_from(["", "about ", "at least "]))
def test_x_or_y_is_one_range(i, step, words, noun, cue):
    """"two or three rockets", "10 or 12 soldiers": one figure (a range, its lower end),
    like "two to three"; it was two, or only "three rockets"."""
    j = min(i + step, len(WORDS) - 1)
    lo, hi = _spelt(i, words), _spelt(j, words)
    text = f"Officials said {cue}{lo} or {hi} {noun} were seen on Monday."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == f"{cue}{lo} or {hi} {noun}"
    assert fig.value == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20][i] and fig.unit == noun
    assert fig.qualifier == ({"about ": "about", "at least ": "at least"}.get(cue) or "at least")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["€", "$", "£", "US$"]), st.integers(2, 900), st.sampled_from(["m", " million", " billion"]),
       st.integers(2, 99), st.sampled_from(["users", "customers", "people", "farmers"]))
def test_two_ends_counting_different_things_are_no_range(sign, n, scale, k, noun):
    """"paid €50m to 87 million users": money and a count of people are two figures."""
    text = f"The company paid {sign}{n}{scale} to {k} million {noun} last year."
    a, b = find_figures(text)
    assert text[a.start:a.end] == f"{sign}{n}{scale}" and a.unit in ("EUR", "USD", "GBP")
    assert text[b.start:b.end] == f"{k} million {noun}" and b.unit == noun and b.value == k * 10**6


def test_a_money_range_keeps_the_currency_of_its_lower_end():
    text = "They paid $5 to 7 million for it."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == "$5 to 7 million" and (fig.value, fig.unit) == (5_000_000, "USD")


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["several", "Several", "a few", "A few"]), st.sampled_from(NOUNS))
def test_several_dozen_is_one_vague_figure(vague, noun):
    text = f"{vague} dozen {noun} were there."
    (fig,) = find_figures(text)
    assert (text[fig.start:fig.end], fig.value, fig.unit, fig.qualifier) == (text[:-len(" were there.")], 12, noun,
                                                                             "at least")


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(WORDS[1:]), st.sampled_from(["were hurt", "died", "have left"]))
def test_a_number_word_or_more_counts(word, rest):
    """"two or more were hurt" is a figure, as "10 or more" is."""
    text = f"Police said {word} or more {rest}."
    (fig,) = find_figures(text)
    assert (text[fig.start:fig.end], fig.qualifier) == (f"{word} or more", "at least")


ACRONYMS = st.text(alphabet="ABCDEFGHIJKLNOQRSTVWXYZ", min_size=2, max_size=5)  # no M/P/U: AM, PM, UTC, GMT


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(WORDS[1:]), ACRONYMS, st.sampled_from(["", "service ", "armed "]), st.sampled_from(NOUNS),
       st.sampled_from(["", " (the group's full name)"]), st.booleans())
def test_an_acronym_modifies_the_counted_noun(word, acronym, modifier, noun, expansion, digits):
    """"five ISIS fighters", "11 US troops", "hundreds of ISIS (…) fighters": the counted
    noun is read through an acronym (and the expansion in brackets after it); a number
    word before one was no figure at all, and digits had no unit. The hand-tag reader
    infers the same unit."""
    number = str(WORDS.index(word) + 1) if digits else word
    text = f"Officials said {number} {acronym}{expansion} {modifier}{noun} were seen."
    (fig,) = find_figures(text)
    assert (text[fig.start:fig.end], fig.unit) == (f"{number} {acronym}{expansion} {modifier}{noun}", noun)
    s = text.index(number)
    assert read_figure(text, s, s + len(number), frozenset())["unit"] == noun


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(WORDS[1:]), ACRONYMS)
def test_an_acronym_in_the_plural_is_a_counted_noun(word, acronym):
    text = f"The {word} {acronym}s met on Monday."
    (fig,) = find_figures(text)
    assert (text[fig.start:fig.end], fig.unit) == (f"{word} {acronym}s", f"{acronym}s")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Turkish", "Iran", "US", "Kremlin", "Saudi"]), st.sampled_from(["backed", "led", "based"]),
       st.sampled_from(NOUNS), st.sampled_from(WORDS[1:]))
def test_a_capitalised_compound_modifies_the_counted_noun(first, participle, noun, word):
    text = f"Some {word} {first}-{participle} {noun} were seen."
    (fig,) = find_figures(text)
    assert (text[fig.start:fig.end], fig.unit) == (f"Some {word} {first}-{participle} {noun}", noun)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["daily", "weekly", "monthly", "yearly", "hourly", "quarterly", "elderly"]),
       st.sampled_from(NOUNS))
def test_a_time_adjective_in_ly_modifies_the_counted_noun(adjective, noun):
    text = f"It has 2.9 billion {adjective} {noun}."
    (fig,) = find_figures(text)
    assert fig.unit == noun


@given(st.sampled_from(["Three Gorges Dam", "Seven Sisters", "Five Star Movement", "Two Rivers Park"]))
def test_a_number_in_a_name_stays_no_figure(name):
    """A name with a number in it counts nothing: the reader goes through a name only to a
    plural common noun it modifies."""
    assert find_figures(f"They visited the {name} on Monday.") == []


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(WORDS[1:]), st.sampled_from(["Armed Forces", "Buddhist", "Boeing", "Katyusha", "Kansai Electric"]),
       st.sampled_from(["", "military "]), st.sampled_from(NOUNS + ["personnel", "gunmen", "jets"]),
       st.sampled_from([" were seen", " and two others", "."]))
def test_a_name_modifies_a_plural_common_noun(word, name, modifier, noun, rest):
    """"five Armed Forces personnel", "two Buddhist pilgrims", "17 Katyusha rockets": a
    number word before them was no figure, digits had no unit; the hand-tag reader agrees."""
    text = f"Officials said {word} {name} {modifier}{noun}{rest}"
    figs = find_figures(text, DEMONYMS)
    s = text.index(f" {word} ") + 1
    assert (figs[0].start, figs[0].end, figs[0].unit) == (s, s + len(f"{word} {name} {modifier}{noun}"), noun)
    assert read_figure(text, s, s + len(word), DEMONYMS)["unit"] == noun


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["victim", "child", "soldier", "civilian", "member", "passenger", "woman"]),
       st.sampled_from(["", "US ", "Filipino ", "young "]), st.booleans(),
       st.sampled_from([" was killed", " of the Coast Guard died", " and two others were hurt", " was, police said,"]))
def test_one_person_is_counted(noun, modifier, initial, rest):
    """"One child was found", "a notebook from one victim", "one US soldier was killed":
    a count of one person, with the person as its unit, for the rules and for a hand tag."""
    one = "One" if initial else "one"
    text = f"{one} {modifier}{noun}{rest}." if initial else f"Police said one {modifier}{noun}{rest}."
    figs = find_figures(text, DEMONYMS)
    s = text.index(one + " ")
    assert (figs[0].start, figs[0].value, figs[0].unit) == (s, 1, noun)
    assert read_figure(text, s, s + 3, DEMONYMS) == {"value": 1, "unit": noun, "qualifier": "exact"}


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["activist", "resident", "officer", "man"]),
       st.sampled_from([", Nur Khan Liton, said it was late", " said it was late", " told reporters it was late"]))
def test_one_person_introducing_a_speaker_is_no_count(noun, rest):
    """"One activist, Nur Khan Liton, said", "one resident said": "one" introduces a speaker."""
    assert find_figures(f"One {noun}{rest}.") == []


@given(st.sampled_from(["One news site, Znak.com, claims it", "one bitcoin is worth a lot", "no one victim knew",
                        "the one soldier who left"]))
def test_one_thing_or_a_pronoun_one_is_no_count(phrase):
    assert find_figures(f"They said {phrase}.") == []


MONEY_WORDS = {"riyals": "SAR", "dirhams": "AED", "lira": "TRY", "naira": "NGN", "shekels": "ILS",
               "hryvnias": "UAH", "rupees": "INR", "dinars": "IQD", "rials": "IRR"}
SIGNS = {"₹": "INR", "Rs ": "INR", "Rs. ": "INR", "₽": "RUB", "₴": "UAH", "₺": "TRY", "R$": "BRL", "R$ ": "BRL"}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(MONEY_WORDS)), st.integers(2, 999), st.sampled_from(["", " million", " billion", " crore"]),
       st.sampled_from(["", "about ", "more than "]))
def test_money_in_a_currency_word_keeps_it(word, n, scale, cue):
    """"500 million riyals": the currency word is money (in the span when the team keeps
    currencies), not a counted noun a team's "no counted noun" would cut off."""
    text = f"The ministry paid {cue}{n:,}{scale} {word} on Monday."
    (fig,) = find_figures(text)
    assert fig.unit == MONEY_WORDS[word] and fig.money_end == text.index(" on Monday")
    assert fig.value == n * {"": 1, " million": 10**6, " billion": 10**9, " crore": 10**7}[scale]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(SIGNS)), st.integers(1, 99_999), st.sampled_from(["", " lakh", " crore", " million"]))
def test_money_after_a_currency_sign(sign, n, scale):
    """"₹2,500", "Rs. 5 crore", "R$ 5 million": money from the sign, scale words included."""
    text = f"It cost {sign}{n:,}{scale} in all."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == f"{sign}{n:,}{scale}" and fig.unit == SIGNS[sign]
    assert fig.value == n * {"": 1, " lakh": 10**5, " crore": 10**7, " million": 10**6}[scale]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 99), st.lists(st.integers(0, 99), min_size=1, max_size=3), st.integers(0, 999))
def test_indian_digit_grouping_is_one_number(head, pairs, last):
    """"1,00,000" (a lakh) and "12,34,567" are numbers; they were not read at all."""
    digits = f"{head}," + ",".join(f"{p:02d}" for p in pairs) + f",{last:03d}"
    text = f"Police said {digits} people gathered."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == f"{digits} people" and fig.value == int(digits.replace(",", ""))


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["a quarter", "half", "a third", "two-thirds"]), st.sampled_from(["much", "many"]))
def test_a_fraction_that_compares_is_no_figure(fraction, much):
    """"about a quarter as much money": a comparison, not a stated quantity (borderwall's gold)."""
    assert find_figures(f"It got about {fraction} as {much} money as it asked for.") == []


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["exceeded", "exceeds", "surpassed", "topped"]), st.integers(2, 1499),
       st.sampled_from(["", "%", " people"]))
def test_a_comparing_verb_gives_the_qualifier_outside_the_span(verb, n, after):
    """"death tolls exceeded 100": qualifier "more than", the verb outside the span, for
    the rules and for a hand tag."""
    text = f"Death tolls {verb} {n}{after} on Monday."
    (fig,) = find_figures(text)
    s = text.index(str(n))
    assert fig.start == s and fig.qualifier == "more than"
    assert read_figure(text, s, s + len(str(n)), frozenset())["qualifier"] == "more than"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["gunmen", "policemen", "militiamen", "servicemen", "firemen"]), st.sampled_from(WORDS[1:]))
def test_men_plurals_are_counted_nouns(noun, word):
    text = f"It was followed by {word} {noun}. Then it ended."
    (fig,) = find_figures(text)
    assert (text[fig.start:fig.end], fig.unit) == (f"{word} {noun}", noun)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["in", "at", "from", "inside"]), st.sampled_from(["hospital", "village", "house", "checkpoint"]))
def test_one_thing_after_a_preposition_is_counted(preposition, noun):
    """"35 bodies in one hospital": one counted thing (the maidanwardak gold)."""
    text = f"He saw 35 bodies {preposition} one {noun}, with more elsewhere."
    figs = find_figures(text)
    assert [(text[f.start:f.end], f.unit) for f in figs] == [("35 bodies", "bodies"), (f"one {noun}", noun)]


@given(st.sampled_from(["At one point", "On one hand", "in one go", "with one another", "worth one bitcoin",
                        "in one of the cities", "at one time"]))
def test_one_in_an_idiom_is_no_count(phrase):
    assert find_figures(f"They said {phrase} it was late.") == []


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["E-Commerce Directive", "Vision", "Euro", "Windows"]), st.integers(1950, 2050),
       st.sampled_from(["provides", "says", "sets", "rules"]))
def test_a_year_after_a_name_is_part_of_it(name, year, verb):
    """"the E-Commerce Directive 2000 provides liability ...": a name, not 2000 "provides"
    (the ecj article's one extra)."""
    assert find_figures(f"The court said the {name} {year} {verb} limits.") == []


@given(st.sampled_from(["In 2019 votes", "He said 2000 people", "Some 1999 rockets"]))
def test_a_count_that_looks_like_a_year_still_counts_after_ordinary_words(phrase):
    assert len(find_figures(f"{phrase} were counted.")) == (0 if phrase.startswith("In") else 1)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([("euro", "EUR"), ("dollar", "USD"), ("US dollar", "USD"), ("ruble", "RUB"), ("rupee", "INR")]),
       st.integers(2, 999), st.sampled_from(["", ".8 million", " billion"]), st.sampled_from(["loan", "deal", "fine"]))
def test_a_singular_currency_word_before_a_noun_is_money(currency, n, scale, noun):
    """"HDT's 38.8 million euro loan" (the hirtenberger gold): the currency word is the
    figure's money, in the singular because it modifies a noun."""
    word, code = currency
    text = f"It took over the {n}{scale} {word} {noun} on Monday."
    (fig,) = find_figures(text)
    assert fig.unit == code and fig.money_end == text.index(f" {noun} on")
