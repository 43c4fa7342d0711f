"""Suggestions: each rule family (with negatives), the seed against a hand-made gold,
articles the rules were not written on, merging into annotation files, the CLI, speed."""

from __future__ import annotations

from dataclasses import replace
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, ROOT, SEED
from tui import store
from tui.cli import main
from tui.errors import DataError
from tui.model import Annotation, Document, make_span
from tui.schema import DEFAULT_SCHEMA, schema_from_dict
from tui.suggest import Suggestions, merge, suggest
from tui.suggest.conventions import DEFAULTS
from tui.suggest.rules.actors import find_actors
from tui.suggest.rules.figures import find_figures

SEED_TEXT = (ROOT / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
LABELS = ("ACTOR", "FIGURE", "CLAIM")
TARGETS = {"FIGURE": 0.95, "ACTOR": 0.85, "CLAIM": 0.6}  # issue 7, exact match


# --------------------------------------------------------------------------- helpers


def f1(gold: set, pred: set) -> float:
    """Exact-match F1 of two sets of (start, end) spans."""
    if not gold and not pred:
        return 1.0
    return 2 * len(gold & pred) / (len(gold) + len(pred))


def keys(spans, label):
    return {(s.start, s.end) for s in spans if s.label == label}


def locate(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the n-th whole-word occurrence of ``quote``."""
    n = 0
    for m in re.finditer(re.escape(quote), text):
        s, e = m.span()
        if (s and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
            continue
        n += 1
        if n == occurrence:
            return s, e
    raise AssertionError(f"{quote!r} #{occurrence} not in text")


def by_text(spans, label):
    return {s.text: s for s in spans if s.label == label}


def texts(text, label, **kw):
    return [s.text for s in suggest(text, **kw).spans if s.label == label]


def speaker_of(sugg: Suggestions, claim_text: str) -> str | None:
    ids = {s.id: s for s in sugg.spans}
    claim = next(s for s in sugg.spans if s.label == "CLAIM" and s.text == claim_text)
    targets = [ids[r.target].text for r in sugg.relations if r.source == claim.id]
    return targets[0] if targets else None


@pytest.fixture(scope="module")
def gold() -> Annotation:
    doc = Document(SEED, SEED_TEXT)
    return store.parse((DATA / "seed_gold.yaml").read_text(encoding="utf-8"), "seed_gold.yaml",
                       DEFAULT_SCHEMA, doc)


@pytest.fixture(scope="module")
def seed_sugg() -> Suggestions:
    return suggest(SEED_TEXT)


# --------------------------------------------------------------------------- the seed and its gold


def test_gold_file_is_valid_and_complete(gold):
    assert gold.annotator == "gold" and gold.status == "done"
    counts = {lab: len(keys(gold.spans, lab)) for lab in LABELS}
    assert counts == {"ACTOR": 26, "FIGURE": 8, "CLAIM": 19}
    assert len(gold.relations) == 18
    ids = gold.span_by_id()
    for r in gold.relations:
        assert (ids[r.source].label, ids[r.target].label) == ("CLAIM", "ACTOR")
    for s in gold.spans:
        assert SEED_TEXT[s.start:s.end] == s.text
        assert set(s.attrs) == set(DEFAULT_SCHEMA.labels[s.label].attrs)


@pytest.mark.parametrize("label", LABELS)
def test_seed_f1_meets_the_issue_targets(gold, seed_sugg, label):
    score = f1(keys(gold.spans, label), keys(seed_sugg.spans, label))
    assert score >= TARGETS[label], (label, score)


def test_f1_helper_agrees_with_seqeval(gold, seed_sugg):
    """The span F1 above equals seqeval's entity F1 over BIO tags from tui.tokens."""
    from seqeval.metrics import f1_score

    from tui.tokens import tokenize

    tokens = tokenize(SEED_TEXT)

    def bio(spans, label):
        tags = ["O"] * len(tokens)
        for s in sorted(spans, key=lambda s: s.start):
            if s.label != label:
                continue
            inside = [i for i, (a, b) in enumerate(tokens) if a >= s.start and b <= s.end]
            assert tokens[inside[0]][0] == s.start and tokens[inside[-1]][1] == s.end
            tags[inside[0]] = f"B-{label}"
            for i in inside[1:]:
                tags[i] = f"I-{label}"
        return tags

    for label in LABELS:
        mine = f1(keys(gold.spans, label), keys(seed_sugg.spans, label))
        theirs = f1_score([bio(gold.spans, label)], [bio(seed_sugg.spans, label)])
        assert mine == pytest.approx(theirs)
    # and a deliberately worse prediction scores the same in both
    worse = [s for s in seed_sugg.spans if s.label != "ACTOR" or s.start % 2]
    assert f1(keys(gold.spans, "ACTOR"), keys(worse, "ACTOR")) == pytest.approx(
        f1_score([bio(gold.spans, "ACTOR")], [bio(worse, "ACTOR")]))
    assert f1(keys(gold.spans, "ACTOR"), keys(worse, "ACTOR")) < 1


def test_seed_figure_attributes_match_gold(gold, seed_sugg):
    mine = {(s.start, s.end): s.attrs for s in seed_sugg.spans if s.label == "FIGURE"}
    for g in (s for s in gold.spans if s.label == "FIGURE"):
        got = mine[(g.start, g.end)]
        assert got["value"] == g.attrs["value"] and got["qualifier"] == g.attrs["qualifier"], g.text
        assert got.get("unit", g.attrs["unit"]) == g.attrs["unit"], g.text


def test_seed_attributions_match_gold(gold, seed_sugg):
    def pairs(spans, relations):
        ids = {s.id: s for s in spans}
        return {((ids[r.source].start, ids[r.source].end), (ids[r.target].start, ids[r.target].end))
                for r in relations}

    assert f1(pairs(gold.spans, gold.relations), pairs(seed_sugg.spans, seed_sugg.relations)) >= 0.8


# --------------------------------------------------------------------------- unseen articles

FLOOD = """Floods Leave Thousands Homeless In Northern Province

At least 12 people have died and about 2,300 homes have been destroyed after days of heavy rain in the northern province of Lanark, officials said on Tuesday.
The regional governor, Maria Okafor, told reporters that nearly half of the province's farmland was under water. “We have never seen anything like this,” she said.
The World Bank has pledged $4.2 million in emergency aid, while the Red Cross estimates that up to 40,000 residents need shelter. According to the national weather service, rainfall in March was 15 per cent above the average for 2010 to 2020.
Okafor said two-thirds of the damaged roads would be repaired by June 30. Critics, however, argue that the government ignored warnings for years.
Dr. Samuel Reyes, a hydrologist at Northfield University, warned that more than 500 villages remain at risk. Reyes added that section 4 of the 2019 flood plan had never been funded.
The Ministry of Interior denied that the evacuation was delayed. Around 150 soldiers and dozens of volunteers have been deployed, according to the army.
"""
FLOOD_GOLD = {
    "FIGURE": [("Thousands", 1), ("At least 12 people", 1), ("about 2,300 homes", 1), ("nearly half", 1),
               ("$4.2 million", 1), ("up to 40,000 residents", 1), ("15 per cent", 1), ("two-thirds", 1),
               ("more than 500 villages", 1), ("Around 150 soldiers", 1), ("dozens of volunteers", 1)],
    "ACTOR": [("officials", 1), ("Maria Okafor", 1), ("reporters", 1), ("World Bank", 1), ("Red Cross", 1),
              ("national weather service", 1), ("Okafor", 2), ("Critics", 1), ("government", 1),
              ("Dr. Samuel Reyes", 1), ("Northfield University", 1), ("Reyes", 2),
              ("Ministry of Interior", 1), ("soldiers", 1), ("volunteers", 1), ("army", 1)],
    "CLAIM": [("At least 12 people have died and about 2,300 homes have been destroyed after days of heavy "
               "rain in the northern province of Lanark", 1),
              ("nearly half of the province's farmland was under water", 1),
              ("We have never seen anything like this", 1), ("up to 40,000 residents need shelter", 1),
              ("rainfall in March was 15 per cent above the average for 2010 to 2020", 1),
              ("two-thirds of the damaged roads would be repaired by June 30", 1),
              ("the government ignored warnings for years", 1), ("more than 500 villages remain at risk", 1),
              ("section 4 of the 2019 flood plan had never been funded", 1), ("the evacuation was delayed", 1),
              ("Around 150 soldiers and dozens of volunteers have been deployed", 1)],
}
TRIAL = """The trial of former mayor Daniel Whitcombe opened on Monday in Harlow, where prosecutors allege that he diverted £1.8m from a housing fund between 2015 and 2018.
Whitcombe, 61, denies all charges. His lawyer, Priya Natarajan, said the prosecution's case rested on “a handful of misread invoices.”
A dozen witnesses are expected to testify. According to court documents, fewer than 300 of the 1,200 flats promised were ever built.
“One in five families on the waiting list was never contacted,” said Helen Marsh, who chairs the Harlow Tenants Association.
Page 14 of the indictment lists 37 payments. The Serious Fraud Office reportedly reviewed more than 4,000 emails before charging him.
Judge Alan Brook told jurors the trial could last up to eight weeks.
"""
TRIAL_GOLD = {
    "FIGURE": [("£1.8m", 1), ("61", 1), ("A dozen witnesses", 1), ("fewer than 300", 1), ("1,200 flats", 1),
               ("One in five", 1), ("37 payments", 1), ("more than 4,000 emails", 1), ("up to eight weeks", 1)],
    "ACTOR": [("Daniel Whitcombe", 1), ("prosecutors", 1), ("Whitcombe", 2), ("Priya Natarajan", 1),
              ("witnesses", 1), ("Helen Marsh", 1), ("Harlow Tenants Association", 1),
              ("Serious Fraud Office", 1), ("Judge Alan Brook", 1), ("jurors", 1)],
    "CLAIM": [("he diverted £1.8m from a housing fund between 2015 and 2018", 1), ("all charges", 1),
              ("the prosecution's case rested on “a handful of misread invoices.”", 1),
              ("fewer than 300 of the 1,200 flats promised were ever built", 1),
              ("One in five families on the waiting list was never contacted", 1),
              ("The Serious Fraud Office reportedly reviewed more than 4,000 emails before charging him", 1),
              ("the trial could last up to eight weeks", 1)],
}
# Written and annotated after the rules, scored once before any change: A 0.76, F 1.00, C 0.75.
HEALTH = """Hospital Waiting Lists Hit Record High

Nearly 7.6 million patients in England are waiting for routine treatment, the highest number since records began, according to NHS England.
Health Secretary Wes Streeting said the figures were "unacceptable" and promised to cut waiting times within five years. The Royal College of Nursing warned that staff shortages of around 40,000 nurses were putting patients at risk.
Pat Cullen, the union's general secretary, told the BBC that one in four nurses had considered leaving the profession. "We cannot keep running on goodwill," Cullen said.
The Department of Health said it had invested £2.5bn in new diagnostic centres, which would provide up to 9 million extra tests a year. Analysts at the King's Fund estimate that the backlog will not fall below 6 million before 2027.
Opposition parties accused ministers of missing 13 of their 15 targets. A spokesperson for Downing Street declined to comment.
"""
HEALTH_GOLD = {
    "FIGURE": [("Nearly 7.6 million patients", 1), ("five years", 1), ("around 40,000 nurses", 1),
               ("one in four", 1), ("£2.5bn", 1), ("up to 9 million extra tests", 1), ("below 6 million", 1),
               ("13", 1), ("15 targets", 1)],
    "ACTOR": [("NHS England", 1), ("Health Secretary Wes Streeting", 1), ("Royal College of Nursing", 1),
              ("Pat Cullen", 1), ("BBC", 1), ("Cullen", 2), ("Department of Health", 1), ("Analysts", 1),
              ("King's Fund", 1), ("Opposition parties", 1), ("ministers", 1), ("Downing Street", 1)],
    "CLAIM": [("Nearly 7.6 million patients in England are waiting for routine treatment, the highest number "
               "since records began", 1), ('the figures were "unacceptable"', 1),
              ("cut waiting times within five years", 1),
              ("staff shortages of around 40,000 nurses were putting patients at risk", 1),
              ("one in four nurses had considered leaving the profession", 1),
              ("We cannot keep running on goodwill", 1),
              ("it had invested £2.5bn in new diagnostic centres, which would provide up to 9 million extra "
               "tests a year", 1), ("the backlog will not fall below 6 million before 2027", 1),
              ("ministers of missing 13 of their 15 targets", 1)],
}


@pytest.mark.parametrize("text,gold_items", [(FLOOD, FLOOD_GOLD), (TRIAL, TRIAL_GOLD), (HEALTH, HEALTH_GOLD)],
                         ids=["flood", "trial", "health"])
@pytest.mark.parametrize("label", LABELS)
def test_unseen_articles_score_well(text, gold_items, label):
    gold_keys = {locate(text, q, n) for q, n in gold_items[label]}
    assert f1(gold_keys, keys(suggest(text).spans, label)) >= 0.85


def test_flood_figures_values_units_qualifiers():
    figs = by_text(suggest(FLOOD).spans, "FIGURE")
    expect = {
        "At least 12 people": (12, "people", "at least"),
        "about 2,300 homes": (2300, "homes", "about"),
        "nearly half": (50, "percent", "about"),
        "$4.2 million": (4200000, "USD", "exact"),
        "up to 40,000 residents": (40000, "residents", "up to"),
        "15 per cent": (15, "percent", "exact"),
        "two-thirds": (66.67, "percent", "exact"),
        "more than 500 villages": (500, "villages", "more than"),
        "Around 150 soldiers": (150, "soldiers", "about"),
        "dozens of volunteers": (12, "volunteers", "at least"),
        "Thousands": (1000, None, "at least"),
    }
    assert set(figs) == set(expect)
    for t, (value, unit, qualifier) in expect.items():
        a = figs[t].attrs
        assert (a["value"], a.get("unit"), a["qualifier"]) == (value, unit, qualifier), t


def test_trial_figures_and_attributions():
    sugg = suggest(TRIAL)
    figs = by_text(sugg.spans, "FIGURE")
    assert figs["£1.8m"].attrs == {"value": 1800000, "unit": "GBP", "qualifier": "exact"}
    assert figs["One in five"].attrs == {"value": 20, "unit": "percent", "qualifier": "exact"}
    assert figs["A dozen witnesses"].attrs == {"value": 12, "unit": "witnesses", "qualifier": "exact"}
    assert figs["up to eight weeks"].attrs == {"value": 8, "unit": "weeks", "qualifier": "up to"}
    assert figs["fewer than 300"].attrs == {"value": 300, "qualifier": "less than"}
    assert not {"2015", "2018", "14", "Page 14"} & set(figs)
    assert speaker_of(sugg, "he diverted £1.8m from a housing fund between 2015 and 2018") == "prosecutors"
    assert speaker_of(sugg, "all charges") == "Whitcombe"
    assert by_text(sugg.spans, "CLAIM")["all charges"].attrs == {"status": "denied"}
    assert speaker_of(sugg, "One in five families on the waiting list was never contacted") == "Helen Marsh"
    assert speaker_of(sugg, "the trial could last up to eight weeks") == "Judge Alan Brook"
    assert speaker_of(sugg, "fewer than 300 of the 1,200 flats promised were ever built") is None


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize("text,span,value,unit,qualifier", [
    ("They found about 2,300 homes flooded.", "about 2,300 homes", 2300, "homes", "about"),
    ("It cost $4.2 million last year.", "$4.2 million", 4200000, "USD", "exact"),
    ("It cost US$12.5bn.", "US$12.5bn", 12500000000, "USD", "exact"),
    ("Sales rose by €3.1 billion.", "€3.1 billion", 3100000000, "EUR", "exact"),
    ("At least 12 people died.", "At least 12 people", 12, "people", "at least"),
    ("Nearly half of voters agreed.", "Nearly half", 50, "percent", "about"),
    ("Some two-thirds of the land is dry.", "Some two-thirds", 66.67, "percent", "about"),
    ("Turnout was 15 per cent.", "15 per cent", 15, "percent", "exact"),
    ("Turnout was 15%.", "15%", 15, "percent", "exact"),
    ("It fell 2 percentage points.", "2 percentage points", 2, "percentage points", "exact"),
    ("A minimum of 10 scam compounds were raided.", "A minimum of 10 scam compounds", 10, "compounds", "at least"),
    ("Up to 300 workers were sent home.", "Up to 300 workers", 300, "workers", "up to"),
    ("More than 1,000 soldiers and police were deployed.", "More than 1,000 soldiers and police", 1000,
     "soldiers and police", "more than"),
    ("Fewer than 20 remain.", "Fewer than 20", 20, None, "less than"),
    ("No more than 5 boats left.", "No more than 5 boats", 5, "boats", "at most"),
    ("Roughly 100,000 people work there.", "Roughly 100,000 people", 100000, "people", "about"),
    ("Over 40 journalists were detained.", "Over 40 journalists", 40, "journalists", "more than"),
    ("Twenty-five people were hurt.", "Twenty-five people", 25, "people", "exact"),
    ("two hundred and fifty families left.", "two hundred and fifty families", 250, "families", "exact"),
    ("Three million dollars went missing.", "Three million dollars", 3000000, "USD", "exact"),
    ("A dozen boats sank.", "A dozen boats", 12, "boats", "exact"),
    ("Tens of thousands of people marched.", "Tens of thousands of people", 10000, "people", "at least"),
    ("Hundreds of thousands of dollars vanished.", "Hundreds of thousands of dollars", 100000, "USD", "at least"),
    ("Estimates put it in the thousands.", "in the thousands", 1000, None, "at least"),
    ("Several hundred residents fled.", "Several hundred residents", 100, "residents", "at least"),
    ("One in five adults smoke.", "One in five", 20, "percent", "exact"),
    ("Between 10-15 boats sank.", "10-15 boats", 10, "boats", "at least"),
    ("The road is 12 km long.", "12 km", 12, "km", "exact"),
    ("They waited 10 or more hours.", "10 or more hours", 10, "hours", "at least"),
    ("The 1,440 Indonesian nationals were freed.", "1,440 Indonesian nationals", 1440, "nationals", "exact"),
    ("Police counted 2000 protesters.", "2000 protesters", 2000, "protesters", "exact"),
])
def test_figure_patterns(text, span, value, unit, qualifier):
    figs = by_text(suggest(text, families=["FIGURE"]).spans, "FIGURE")
    assert span in figs, figs
    a = figs[span].attrs
    assert (a["value"], a.get("unit"), a["qualifier"]) == (value, unit, qualifier)
    assert isinstance(a["value"], int) == (value == int(value))


@pytest.mark.parametrize("text", [
    "The report for 2024 was late.", "In 2019 the plan changed.", "the 2019 flood plan",
    "Sanctions were imposed on October 14.", "It opened on 14 October 2023.", "by June 30,",
    "See page 12 and pp. 40-41.", "Section 230 protects platforms.", "Article 5 applies.",
    "He lives at No. 10 Downing Street.", "The meeting is at 10:30.", "It starts at 3 pm.",
    "the 14th amendment", "in the 1990s", "a Boeing 737 crashed", "COVID-19 spread",
    "one of the largest", "The two said nothing.", "no one knows", "a 45-year-old man",
    "the second half of the year", "a multibillion-dollar industry", "Chapter 11 filing",
    "rose 5m in the morning", "between 2015 and 2018",
])
def test_not_figures(text):
    assert texts(text, "FIGURE") == []


def test_figures_do_not_overlap_and_quote_the_text():
    text = SEED_TEXT * 3
    figs = find_figures(text)
    assert all(a.end <= b.start for a, b in zip(figs, figs[1:]))
    assert len(figs) == 24


# --------------------------------------------------------------------------- actors


def test_propagation_follows_first_mentions_only():
    text = ("Ferrer spoke first. Montse Ferrer, a director, arrived. Later Ferrer left. "
            "Chen Zhi was arrested; Chen denied it. Amnesty International said so, and Amnesty repeated it. "
            "The United States Institute of Peace (USIP) wrote a report; USIP said it was late.")
    got = {text[a.start:a.end]: (a.start, a.type) for a in find_actors(text)}
    assert got["Montse Ferrer"][1] == "person"
    spans = [(text[a.start:a.end], a.start) for a in find_actors(text)]
    ferrers = [s for t, s in spans if t == "Ferrer"]
    assert ferrers == [text.index("Ferrer left")]  # not the mention before the full name
    assert ("Chen", text.index("Chen denied")) in spans
    assert ("Amnesty", text.index("Amnesty repeated")) in spans
    assert got["Amnesty"][1] == "organisation"
    assert [s for t, s in spans if t == "USIP"] == [text.index("USIP)"), text.index("USIP said")]


@pytest.mark.parametrize("text,actor,typ", [
    ("Prime Minister Hun Manet has pledged reform.", "Prime Minister Hun Manet", "person"),
    ("Cambodian Prime Minister Hun Manet spoke.", "Prime Minister Hun Manet", "person"),
    ("A fellow at Harvard University’s Asia Center said so.", "Harvard University’s Asia Center", "organisation"),
    ("Indonesia’s embassy in Phnom Penh said it was told.", "Indonesia’s embassy in Phnom Penh", "government"),
    ("Long queues of Chinese nationals formed.", "Chinese nationals", "group"),
    ("The Cambodian government did not respond.", "Cambodian government", "government"),
    ("But analysts remain sceptical.", "analysts", "group"),
    ("Police said the road was closed.", "Police", "government"),
    ("senior officials and advisers have owned land", "senior officials and advisers", "government"),
    ("The Ministry of Foreign Affairs said no.", "Ministry of Foreign Affairs", "government"),
    ("It cited the Human Rights Watch report.", "Human Rights Watch", "organisation"),
    ("Cambodia has repeatedly denied the allegations.", "Cambodia", "government"),
    ("coordinated UK and US sanctions", "UK", "government"),
    ("coordinated UK and US sanctions", "US", "government"),
    ("The UN estimates that many work there.", "UN", "organisation"),
    ("Smith said the plan failed.", "Smith", "person"),
    ("He told the BBC that it was over.", "BBC", "organisation"),
    ("Analysts at the King's Fund disagree.", "King's Fund", "organisation"),
    ("according to the national weather service", "national weather service", "government"),
    ("Local media reported most were Indian.", "Local media", "organisation"),  # a modifier starting a sentence
    ("The fire service was investigating.", "fire service", "government"),
    ("When it was removed by the burglars it flooded.", "burglars", "group"),
    ("the Myanma embassy confirmed two deaths.", "Myanma embassy", "government"),
    ("Residents there told the press it was over.", "Residents", "group"),  # a group that reports
    ("Then Chelyabinsk's governor has promised each victim help.", "governor", "person"),
])
def test_actor_patterns(text, actor, typ):
    found = by_text(suggest(text, families=["ACTOR"]).spans, "ACTOR")
    assert actor in found, found
    assert found[actor].attrs == {"type": typ}


@pytest.mark.parametrize("text", [
    "Exact figures remain unclear.", "Online scam operations have expanded.", "Without structured protection, little changes.",
    "Estimates from the survey suggest growth.", "Thousands of people left.", "However, nothing changed.",
    "Many are lured by false job offers.", "He was extradited to China last week.",
    "Scam compounds across Cambodia were raided.", "The country’s GDP grew.", "It happened in October.",
    "Workers left the site.", "Local residents were angry.", "Residents there were angry.",
    "It was seen by Chelyabinsk's governor.", "They met in Phnom Penh on Monday.",
    "A Chinese-born Cambodian tycoon was arrested.",
])
def test_not_actors(text):
    assert texts(text, "ACTOR") == []


def test_a_name_after_its_description_is_the_actor_and_is_found_again():
    """"rescue charity Sea-Eye": the description is the name's title (left out where the
    team leaves titles out), and a later bare "Sea-Eye" is the same actor."""
    text = ("German migrant rescue charity Sea-Eye on Sunday renamed their ship. "
            "Sea-Eye credit themselves with many rescues.")
    assert texts(text, "ACTOR") == ["German migrant rescue charity Sea-Eye", "Sea-Eye"]
    no_titles = replace(DEFAULTS, actor_title=False)
    assert texts(text, "ACTOR", conventions=no_titles) == ["Sea-Eye", "Sea-Eye"]


def test_headline_capitals_are_not_names():
    text = "Floods Displace Thousands Across Northern Province\n\nOfficials said 40 people died.\n"
    assert texts(text, "ACTOR") == ["Officials"]


def test_extra_actors_from_the_corpus_settings():
    text = "Médecins Sans Frontières said the clinic was full."
    assert by_text(suggest(text).spans, "ACTOR")["Médecins Sans Frontières"].attrs == {"type": "person"}
    got = suggest(text, extra_actors={"Médecins Sans Frontières": "organisation"})
    assert by_text(got.spans, "ACTOR")["Médecins Sans Frontières"].attrs == {"type": "organisation"}
    assert speaker_of(got, "the clinic was full") == "Médecins Sans Frontières"


# --------------------------------------------------------------------------- claims


def test_pronoun_speaker_is_the_most_recent_person():
    text = ("Jane Roe, who leads the Harbour Trust, spoke first. Amnesty International visited. "
            "“The water is rising fast,” she said. John Doe disagreed. He said the water was falling.")
    sugg = suggest(text)
    assert speaker_of(sugg, "The water is rising fast") == "Jane Roe"
    assert speaker_of(sugg, "the water was falling") == "John Doe"


@pytest.mark.parametrize("text,claim,speaker,status", [
    ("Officials said the bridge was safe.", "the bridge was safe", "Officials", "reported"),
    ("The bridge was safe, officials said.", "The bridge was safe", "officials", "reported"),
    ("Brexit has cost dearly, the Office for Budget Responsibility said on Wednesday.", "Brexit has cost dearly",
     "Office for Budget Responsibility", "reported"),
    ("“The bridge is safe,” said Jane Roe.", "The bridge is safe", "Jane Roe", "reported"),
    ("According to the UN, 40 people died.", "40 people died", "UN", "reported"),
    ("40 people died, according to the UN.", "40 people died", "UN", "reported"),
    ("The army denied that troops fired.", "troops fired", "army", "denied"),
    ("Jane Roe warned that prices would rise, but analysts remain sceptical.", "prices would rise",
     "Jane Roe", "disputed"),
    ("Without rain, Jane Roe cautioned, crops will fail.", "Without rain, Jane Roe cautioned, crops will fail",
     "Jane Roe", "reported"),
    ("Jane Roe, a farmer from Kent, told reporters that crops had failed.", "crops had failed", "Jane Roe",
     "reported"),
    ("The Mayor of Lanark has publicly pledged to “rebuild every home,” officials said.", "rebuild every home",
     None, "reported"),
    ("The UN said it had acted, describing the claims as false.", "the claims as false", "UN", "reported"),
    ("The UN said it had acted, describing the claims as false.", "it had acted", "UN", "reported"),
    ("Hundreds have reportedly fled the city, a sign of panic.", "Hundreds have reportedly fled the city",
     None, "reported"),
])
def test_claim_patterns(text, claim, speaker, status):
    sugg = suggest(text)
    claims = by_text(sugg.spans, "CLAIM")
    assert claim in claims, claims
    assert claims[claim].attrs == {"status": status}
    if speaker:
        assert speaker_of(sugg, claim) == speaker


@pytest.mark.parametrize("text", [
    "The World Bank has pledged $4.2 million in aid.",  # an act, not a claim
    "She received reports from the field.", "Estimates vary widely.",
    "Figures allegedly at the centre of the scheme were arrested.", "The so-called “deal” collapsed.",
])
def test_not_claims(text):
    assert texts(text, "CLAIM") == []


def test_quote_continues_the_last_speaker_within_a_paragraph():
    text = ("Ferrer warned that support was scarce. Some were seen “walking around in search of help.”\n"
            "Others were seen “sleeping in the open air for days.”\n")
    sugg = suggest(text)
    assert speaker_of(sugg, "walking around in search of help") == "Ferrer"
    assert speaker_of(sugg, "sleeping in the open air for days") is None  # a new paragraph


# --------------------------------------------------------------------------- the API


def test_ids_sources_order_and_validity(seed_sugg):
    spans = seed_sugg.spans
    assert [s.id for s in spans] == [f"g{i}" for i in range(1, len(spans) + 1)]
    assert [(s.start, s.end, s.label) for s in spans] == sorted((s.start, s.end, s.label) for s in spans)
    assert all(s.source == "suggest" for s in spans)
    assert [r.id for r in seed_sugg.relations] == [f"gr{i}" for i in range(1, len(seed_sugg.relations) + 1)]
    doc = Document(SEED, SEED_TEXT)
    ann = Annotation(SEED, doc.sha256, len(SEED_TEXT), "suggest", spans=spans, relations=seed_sugg.relations)
    back = store.parse(store.dumps(ann), "x.yaml", DEFAULT_SCHEMA, doc)
    assert back.spans == sorted(spans, key=lambda s: (s.start, s.end, s.label))
    assert back.relations == seed_sugg.relations


def test_families_and_schema_limit_the_output():
    only = suggest(SEED_TEXT, families=["figures", "ACTOR"])
    assert {s.label for s in only.spans} == {"FIGURE", "ACTOR"} and only.relations == []
    claims = suggest(SEED_TEXT, families=["claim"])
    assert {s.label for s in claims.spans} == {"CLAIM"} and claims.relations == []
    with pytest.raises(DataError, match="cannot suggest 'DATE'"):
        suggest(SEED_TEXT, families=["DATE"])
    schema = schema_from_dict({"labels": {"FIGURE": {"attrs": {"value": "number"}}, "CLAIM": {}}})
    got = suggest(SEED_TEXT, schema)
    assert {s.label for s in got.spans} == {"FIGURE", "CLAIM"} and got.relations == []
    assert all(set(s.attrs) <= {"value"} for s in got.spans)


def test_merge_keeps_existing_work_and_never_duplicates():
    doc = Document(SEED, SEED_TEXT)
    mine = make_span(SEED_TEXT, "s1", "ACTOR", *locate(SEED_TEXT, "Amnesty International"),
                     attrs={"type": "group"}, note="mine")
    claim = make_span(SEED_TEXT, "g2", "CLAIM", *locate(SEED_TEXT, "the number released to be in the thousands"))
    ann = Annotation(SEED, doc.sha256, len(SEED_TEXT), "alice", spans=[mine, claim])
    sugg = suggest(SEED_TEXT)
    merged, n_spans, n_rels = merge(ann, sugg)
    assert n_spans == len(sugg.spans) - 2 and n_rels == len(sugg.relations) - 1
    assert merged.span_by_id()["s1"] == mine and merged.span_by_id()["g2"] == claim
    ids = [s.id for s in merged.spans] + [r.id for r in merged.relations]
    assert len(ids) == len(set(ids))
    assert len({s.key for s in merged.spans}) == len(merged.spans)
    assert not any(r.source == "g2" for r in merged.relations)  # alice's claim is left alone
    by_id = merged.span_by_id()
    amnesty_claim = next(r for r in merged.relations if by_id[r.target].text == "Amnesty International")
    assert amnesty_claim.target == "s1"  # linked to her span, not a copy
    again, n2, r2 = merge(merged, sugg)
    assert (n2, r2) == (0, 0) and again is merged
    store.parse(store.dumps(merged), "x.yaml", DEFAULT_SCHEMA, doc)


PIECES = ["The", "UN", "said", "she", "he", "told", "warned that", "denied", "pledged to", "according to",
          "reportedly", "has", "that", "of", "in", "the", "Mr.", "Dr.", "Montse Ferrer", "Ferrer", "Amnesty",
          "Amnesty International", "’s", "embassy", "Chinese", "police", "officials", "and", "about", "at least",
          "12", "1,440", "$", "12.5", "billion", "%", "per cent", "half", "thousands", "One in five", "people",
          "October", "2024", "page", "“", "”", '"', ",", ".", ";", ":", "-", " ", " ", " ", "\n", "x", "İ"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_any_text_gives_valid_spans(text):
    sugg = suggest(text)
    ann = Annotation("d", Document("d", text).sha256, len(text), "suggest", spans=sugg.spans,
                     relations=sugg.relations)
    store.parse(store.dumps(ann), "x.yaml", DEFAULT_SCHEMA, Document("d", text))


def test_one_megabyte_gives_the_seeds_suggestions_once_per_copy():
    """Suggestions are local: a long article gets each copy's suggestions (its speed is
    measured by ``python -m bench --only learn``, not asserted here: no timed tests)."""
    big = (SEED_TEXT + "\n") * (1_000_000 // (len(SEED_TEXT) + 1) + 1)
    assert len(big) >= 1_000_000
    sugg = suggest(big)
    copies = big.count(SEED_TEXT)
    assert len(sugg.spans) == 53 * copies and len(sugg.relations) == 18 * copies


def test_library_imports_no_textual():
    code = "import sys, tui.suggest; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --------------------------------------------------------------------------- the command


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_suggestions(capsys, corpus_dir):
    code, out, err = run(capsys, "suggest", "--corpus", str(corpus_dir))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{SEED}: 53 suggestion(s) (26 ACTOR, 8 FIGURE, 19 CLAIM), 18 relation(s)"
    assert "  g1    FIGURE       0-19     rules      'Thousands of people'  value=1000 unit=people qualifier=at least" in lines
    assert "  gr1   attributed_to g4 -> g3" in lines
    assert not (corpus_dir / "annotations" / SEED).exists()
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus_dir), "--labels", "figure", "000_*")
    assert code == 0 and out.splitlines()[0] == f"{SEED}: 8 suggestion(s) (8 FIGURE), 0 relation(s)"


def test_cli_write_creates_a_valid_file_and_is_idempotent(capsys, corpus_dir):
    path = corpus_dir / "annotations" / SEED / "suggest.yaml"
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus_dir), "--write")
    assert code == 0 and out.strip() == f"{SEED}: added 53 span(s) and 18 relation(s) to {path} (0 already there)"
    doc = Document(SEED, SEED_TEXT)
    ann = store.load(path, DEFAULT_SCHEMA, doc).annotation
    assert ann.annotator == "suggest" and len(ann.spans) == 53 and len(ann.relations) == 18
    assert all(s.source == "suggest" for s in ann.spans)
    before = path.read_bytes()
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus_dir), "--write")
    assert code == 0 and "added 0 span(s) and 0 relation(s)" in out and "(53 already there)" in out
    assert path.read_bytes() == before
    assert run(capsys, "validate", "--corpus", str(corpus_dir))[0] == 0


def test_cli_write_into_an_annotators_file_keeps_her_spans(capsys, corpus_dir, alice_file):
    doc = Document(SEED, SEED_TEXT)
    old = store.load(alice_file, DEFAULT_SCHEMA, doc).annotation
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus_dir), "--annotator", "alice", "--write")
    assert code == 0
    new = store.load(alice_file, DEFAULT_SCHEMA, doc).annotation
    kept = new.span_by_id()
    assert all(kept[s.id] == s for s in old.spans) and set(old.relations) <= set(new.relations)
    from tui.corpus import Corpus
    from tui.suggest.learn import Suggester

    # alice's spans teach the conventions and which actors she tags
    want = Suggester.for_corpus(Corpus(corpus_dir)).suggest(SEED_TEXT).spans
    dupes = {s.key for s in old.spans} & {s.key for s in want}
    assert len(new.spans) == len(old.spans) + len(want) - len(dupes)
    assert f"({len(dupes)} already there)" in out
    assert len({s.key for s in new.spans}) == len(new.spans)


def test_cli_errors_are_one_line_and_touch_nothing(capsys, corpus_dir, alice_file):
    code, _, err = run(capsys, "suggest", "--corpus", str(corpus_dir), "nope*")
    assert code == 1 and err.strip() == f"margin: no document matches 'nope*' in {corpus_dir / 'seeds'}"
    code, _, err = run(capsys, "suggest", "--corpus", str(corpus_dir), "--labels", "DATE")
    assert code == 1 and err.startswith("margin: cannot suggest 'DATE'")
    code, _, err = run(capsys, "suggest", "--corpus", str(corpus_dir), "--annotator", "../x", "--write")
    assert code == 1 and "invalid annotator name" in err
    broken = alice_file.read_text().replace("{type: government}", "{type: company}")
    alice_file.write_text(broken)
    code, _, err = run(capsys, "suggest", "--corpus", str(corpus_dir), "--annotator", "alice", "--write")
    assert code == 1 and err.splitlines()[0].startswith(f"{alice_file}:14:")
    assert alice_file.read_text() == broken
    (corpus_dir / "margin.yaml").write_text("suggest:\n  actors: {Prince Group: company}\n")
    code, _, err = run(capsys, "suggest", "--corpus", str(corpus_dir))
    assert code == 1 and "suggest.actors must map names to actor types" in err and "Traceback" not in err


def test_cli_uses_actors_from_margin_yaml(capsys, corpus_dir):
    (corpus_dir / "seeds" / "msf.txt").write_text("Médecins Sans Frontières said the clinic was full.\n")
    (corpus_dir / "margin.yaml").write_text("suggest:\n  actors: {Médecins Sans Frontières: organisation}\n",
                                            encoding="utf-8")
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus_dir), "msf")
    assert code == 0 and "'Médecins Sans Frontières'  type=organisation" in out
