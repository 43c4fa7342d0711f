"""Boundary conventions: inferred from small hand-built corpora, pinned in margin.yaml,
and the issue's target: with one annotated document, suggestions on unseen articles follow
its guidelines whether they differ from the rules' defaults or not."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, SEED
from tests.helpers import make_corpus
from tests.test_suggest import (FLOOD, FLOOD_GOLD, HEALTH, HEALTH_GOLD, SEED_TEXT, TRIAL, TRIAL_GOLD, f1,
                                keys, locate, run)
from tests.variant_golds import FLOOD_VARIANT, HEALTH_VARIANT, TRIAL_VARIANT
from tui.errors import DataError
from tui.suggest.learn import Suggester, guidelines
from tui.suggest import suggest
from tui.suggest.conventions import DEFAULTS, NAMES, Conventions, infer, mentions, parse_pins
from tui.suggest.rules.figwords import MEASURES

TEXT = ("Officials said that more than 1,200 Chinese nationals were freed, while the Cambodian "
        "government said $4.5 million was seized. Prime Minister Hun Manet said: “We will act.”")


class S:
    def __init__(self, text, quote, label, n=1):
        self.start, self.end = locate(text, quote, n)
        self.label = label


def spans(*items):
    return [S(TEXT, q, lab) for q, lab in items]


def test_defaults_are_the_rules_own_guideline():
    assert Conventions() == DEFAULTS and len(NAMES) == len(fields(Conventions)) == 13
    for m in (ms := mentions(SEED_TEXT))["FIGURE"] + ms["ACTOR"] + ms["CLAIM"]:
        assert m.span(DEFAULTS) == (m.start, m.end)  # parametrised, not forked


def test_each_convention_is_read_from_hand_built_spans_both_ways():
    other = infer([(TEXT, spans(("1,200", "FIGURE"), ("4.5 million", "FIGURE"),
                                ("the Cambodian government", "ACTOR"), ("Hun Manet", "ACTOR"),
                                ("“We will act.”", "CLAIM")))])
    c = other.conventions
    assert (c.figure_counted_noun, c.figure_currency, c.figure_qualifier) == (False, False, False)
    assert (c.actor_determiner, c.actor_title, c.claim_quotes) == (True, False, True)
    assert other.findings["figure_counted_noun"].votes_out == 1 and other.findings["figure_counted_noun"].source == "inferred"
    same = infer([(TEXT, spans(("more than 1,200 Chinese nationals", "FIGURE"), ("$4.5 million", "FIGURE"),
                               ("Cambodian government", "ACTOR"), ("Prime Minister Hun Manet", "ACTOR"),
                               ("We will act", "CLAIM")))])
    assert same.conventions == DEFAULTS
    assert {n: f.source for n, f in same.findings.items()}["figure_percent"] == "default"  # no example of it
    assert same.findings["figure_unit"].source == "kin"  # none of its own: as the counted noun


def test_reporting_clause_and_possessive():
    text = "Amnesty International’s researchers said the camps were closed. Police said nothing."
    g = infer([(text, [S(text, "Amnesty International’s", "ACTOR"), S(text, "Police said nothing", "CLAIM")])])
    assert g.conventions.actor_possessive and g.conventions.claim_reporting_clause
    assert g.findings["claim_reporting_clause"].votes_in == 1


@pytest.mark.parametrize("spans_, want", [
    (("armed police", "FSB officers", "Pope Francis"), True),
    (("police", "officers", "Francis"), False),
])
def test_group_modifiers_and_titles_from_spans_the_rules_alone_do_not_show(spans_, want):
    """A team that keeps every modifier of a group noun (armed police) is followed; a
    title the rules do not cut (Pope is a title, Francis a name) votes from the span's edges."""
    text = "Monday saw armed police arrive. Regional governor Dubrovsky said FSB officers came. Pope Francis wept."
    g = infer([(text, [S(text, q, "ACTOR") for q in spans_])])
    assert g.conventions.actor_group_modifiers is want and g.findings["actor_group_modifiers"].source == "inferred"
    sugg = {s.text for s in suggest(text, families=["ACTOR"], conventions=g.conventions).spans}
    assert {"armed police", "FSB officers"} <= sugg if want else {"police", "officers", "Francis"} <= sugg
    assert g.conventions.actor_title is want


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 999), st.sampled_from(["people", "miles", "hours", "homes", "soldiers"]),
       st.integers(2, 999), st.sampled_from(sorted(u for u in MEASURES if u[0].isalpha())), st.booleans())
def test_a_unit_no_example_shows_follows_the_counted_noun_and_back(n, noun, m, unit, keep):
    """"thirty miles" is a counted noun to the rules, "30 mi" a unit: the same part written
    two ways, so with no example of one, it follows what the team did with the other."""
    count, measure = f"Officials said {n} {noun} left on Monday.", f"The storm moved {m} {unit} north."
    cases = ((count, measure, "figure_unit", f"{m} {unit}", str(m)),
             (measure, count, "figure_counted_noun", f"{n} {noun}", str(n)))
    for shown, other, name, whole, number in cases:
        fig = mentions(shown)["FIGURE"][0]
        g = infer([(shown, [_Span(*fig.span(replace(DEFAULTS, figure_unit=keep, figure_counted_noun=keep)))])])
        assert getattr(g.conventions, name) is keep and g.findings[name].source == "kin"
        (got,) = suggest(other, families=["FIGURE"], conventions=g.conventions).spans
        assert got.text == (whole if keep else number)


def test_a_units_own_examples_win_over_its_kin():
    text = "Officials said 40 people fled 12 km south."
    g = infer([(text, [S(text, "40", "FIGURE"), S(text, "12 km", "FIGURE")])])
    assert not g.conventions.figure_counted_noun and g.conventions.figure_unit
    assert g.findings["figure_unit"].source == "inferred"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    label: str = "FIGURE"


def test_no_annotation_or_a_tie_keeps_the_defaults():
    assert infer([]).conventions == DEFAULTS and infer([]).documents == 0
    t2 = "Officials said 40 people died. Officials said 50 people left."
    tie = infer([(t2, [S(t2, "40 people", "FIGURE"), S(t2, "50", "FIGURE")])])
    assert tie.conventions.figure_counted_noun is True and tie.findings["figure_counted_noun"].source == "default"


def test_pins_win_and_bad_sections_are_one_line_errors():
    pins = parse_pins({"suggest": {"conventions": {"figure_counted_noun": "out", "actor_title": "in"}}})
    g = infer([(TEXT, spans(("Hun Manet", "ACTOR")))], pins)
    assert g.conventions.figure_counted_noun is False and g.conventions.actor_title is True
    assert g.findings["actor_title"].source == "pinned" and g.findings["actor_title"].votes_out == 1
    for bad, msg in (({"suggest": {"conventions": {"figure_noun": "out"}}}, "unknown convention 'figure_noun'"),
                     ({"suggest": {"conventions": {"actor_title": True}}}, "expected in or out, got True"),
                     ({"suggest": {"conventions": ["x"]}}, "must map convention names"),
                     ({"suggest": "x"}, "suggest must be a mapping")):
        with pytest.raises(DataError, match=msg) as e:
            parse_pins(bad, "c/margin.yaml")
        assert "\n" not in str(e.value) and str(e.value).startswith("c/margin.yaml: ")


def _corpus(tmp_path, gold_file):
    corpus = make_corpus(tmp_path)
    (tmp_path / "annotations" / SEED).mkdir()
    shutil.copy(DATA / gold_file, tmp_path / "annotations" / SEED / "gold.yaml")
    return corpus


def _f1(sugg_fn, golds, label):
    tp = n = 0
    for text, gold in zip((FLOOD, TRIAL, HEALTH), golds):
        g = {locate(text, q, k) for q, k in gold[label]}
        p = keys(sugg_fn(text).spans, label)
        tp, n = tp + 2 * len(g & p), n + len(g) + len(p)
    return tp / n


VARIANT = (FLOOD_VARIANT, TRIAL_VARIANT, HEALTH_VARIANT)
DEFAULT = (FLOOD_GOLD, TRIAL_GOLD, HEALTH_GOLD)


@pytest.mark.parametrize("gold_file,golds,targets", [
    ("seed_gold_variant.yaml", VARIANT, {"FIGURE": 0.85, "ACTOR": 0.8}),
    ("seed_gold.yaml", DEFAULT, {"FIGURE": 0.85, "ACTOR": 0.85}),
], ids=["guidelines-differ", "guidelines-are-the-defaults"])
def test_one_annotated_document_sets_the_guidelines_for_unseen_articles(tmp_path, gold_file, golds, targets):
    corpus = _corpus(tmp_path, gold_file)
    sg = Suggester.for_corpus(corpus)
    assert sg.guidelines.documents == 1 and sg.model is None and sg.warnings == []
    for label, target in targets.items():
        assert _f1(sg.suggest, golds, label) >= target
    if golds is VARIANT:  # before: the rules' own conventions miss most bounds
        assert _f1(suggest, golds, "FIGURE") < 0.5 and _f1(suggest, golds, "ACTOR") < 0.65
        c = sg.guidelines.conventions
        assert not c.figure_counted_noun and c.actor_determiner and not c.actor_title and c.claim_quotes
    else:
        assert sg.guidelines.conventions == DEFAULTS


def test_the_seed_variant_gold_differs_only_where_its_header_says(tmp_path):
    from tui import store
    from tui.model import Document
    from tui.schema import DEFAULT_SCHEMA

    doc = Document(SEED, SEED_TEXT)
    a = store.parse((DATA / "seed_gold.yaml").read_text(encoding="utf-8"), "a", DEFAULT_SCHEMA, doc)
    b = store.parse((DATA / "seed_gold_variant.yaml").read_text(encoding="utf-8"), "b", DEFAULT_SCHEMA, doc)
    changed = {s.label for s, t in zip(a.spans, b.spans) if (s.start, s.end) != (t.start, t.end)}
    assert [s.id for s in a.spans] == [s.id for s in b.spans] and changed == {"FIGURE", "ACTOR", "CLAIM"}
    assert f1(keys(a.spans, "FIGURE"), keys(b.spans, "FIGURE")) < 0.5


def test_margin_yaml_pins_reach_the_command(tmp_path, capsys):
    corpus = _corpus(tmp_path, "seed_gold_variant.yaml")
    (tmp_path / "margin.yaml").write_text("suggest:\n  conventions: {figure_counted_noun: in}\n", encoding="utf-8")
    code, out, err = run(capsys, "suggest", "--corpus", str(tmp_path), "--explain")
    assert code == 0 and err == ""
    assert "figure_counted_noun      in   pinned in margin.yaml (0 in, 5 out)" in out
    assert "actor_determiner         in   inferred from 5 example(s): 5 in, 0 out" in out
    assert guidelines(corpus).conventions.figure_counted_noun is True
    (tmp_path / "margin.yaml").write_text("suggest:\n  conventions: {figure_counted_noun: maybe}\n", encoding="utf-8")
    code, out, err = run(capsys, "suggest", "--corpus", str(tmp_path))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "suggest.conventions.figure_counted_noun: expected in or out, got 'maybe'" in err


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Stay home.", "Never again!", "Thank you,", "Why not?"]),
       st.sampled_from(["“{}”", '"{}"']), st.integers(1, 3))
def test_claim_quotes_are_read_from_quoted_claims_the_rules_did_not_find(words, marks, n):
    """A team's quoted claims the rules found at no edge (a verb they do not know, a short
    quotation) still say whether the team keeps the quotation marks (one fold of the real-text
    set learned nothing from two golds whose quoted claims the rules had cut elsewhere)."""
    quoted = marks.format(words)
    text = " ".join(f"Jane Roe{i} shrugged {quoted} Then she left." for i in range(n))
    kept = infer([(text, [S(text, quoted, "CLAIM")])]).conventions
    inner = words.rstrip(".!?,")
    dropped = infer([(text, [S(text, inner, "CLAIM")])]).conventions
    assert kept.claim_quotes and not dropped.claim_quotes


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(["figure_percent", "figure_currency", "actor_possessive", "figure_ages", "claim_hedges"]),
               min_size=1))
def test_the_explanation_names_the_conventions_no_document_showed_and_how_to_pin_one(seen):
    """After learning, the conventions still at their default for want of an example are named
    in one line, with a margin.yaml pin a team can paste (and that margin reads back)."""
    import re

    import yaml

    from tui.suggest.conventions import Guidelines, decide_conventions, parse_pins

    counts = {n: ([2, 0] if n in seen else [0, 0]) for n in NAMES}
    g = Guidelines(findings=decide_conventions(counts), documents=2, source="gold")
    (hint,) = [line for line in g.explain() if "no example yet" in line]
    unseen = [n for n in NAMES if n not in seen and g.findings[n].source == "default"]
    assert re.findall(r"[a-z]+_[a-z_]+", hint.split(":")[0]) == unseen
    pins = parse_pins(yaml.safe_load("suggest: " + hint[hint.index("{"):hint.rindex("}") + 1]))
    assert list(pins) == [unseen[0]] and pins[unseen[0]] is not getattr(DEFAULTS, unseen[0])
    assert not any("no example yet" in line for line in Guidelines().explain())
