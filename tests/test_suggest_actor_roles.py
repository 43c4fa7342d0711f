"""A lower-case role before a person's name decides the title convention when no title does
(issue 23, boundaries; GUIDELINES: no title or role word before a name). Two training
articles that name people only after roles (``Local prosecutor Remy Heitz``, ``NASA
administrator Jim Bridenstine``) showed no capitalised title, so the rules' default kept
``Judge``, ``Dr.`` and ``United States Attorney`` in every span of the next article. A team
that tags the name alone after a role leaves titles out; one that tags the role with the name
keeps them; a capitalised title the team showed still decides. Generated sentences."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.suggest.conventions import infer

FIRST = st.sampled_from(["Vera", "Tomas", "Anika", "Rollo", "Imre", "Sanna", "Dario"])
LAST = st.sampled_from(["Kellard", "Moravec", "Ostrand", "Quill", "Bexley", "Tamsin", "Urquhart"])
ROLES = st.sampled_from(["prosecutor", "administrator", "founder", "spokesperson", "chairman", "director",
                         "commissioner", "manager", "spokeswoman", "president"])
OWNERS = st.sampled_from(["Local", "The agency's", "NASA", "Company", "The firm's", "Regional"])
VERBS = st.sampled_from(["said", "told reporters", "announced", "wrote"])
TITLES = st.sampled_from(["Judge", "Dr.", "Senator", "Mayor", "Professor"])


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str = "ACTOR"


def _sentence(owner: str, role: str, name: str, verb: str) -> tuple[str, int]:
    text = f"{owner} {role} {name} {verb} the plan had failed."
    return text, text.index(name)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(OWNERS, ROLES, FIRST, LAST, VERBS), min_size=1, max_size=4), st.booleans())
def test_a_role_before_a_name_decides_the_title_when_no_title_did(people, role_in):
    """The team's spans of ``Local prosecutor Vera Kellard said``: ``Vera Kellard`` sets
    actor_title out, ``prosecutor Vera Kellard`` sets it in (no capitalised title anywhere)."""
    text, spans = "", []
    for owner, role, first, last, verb in people:
        sentence, at = _sentence(owner, role, f"{first} {last}", verb)
        start = len(text) + (at - len(role) - 1 if role_in else at)
        spans.append(Span(start, len(text) + at + len(first) + 1 + len(last)))
        text += sentence + " "
    g = infer([(text, spans)])
    assert g.conventions.actor_title is role_in
    assert g.findings["actor_title"].source == "inferred"


@settings(max_examples=60, deadline=None)
@given(ROLES, TITLES, FIRST, LAST, LAST)
def test_a_title_the_team_showed_outweighs_roles(role, title, first, last, other):
    """``Judge Vera Kellard`` tagged with its title keeps titles in, though the same team tagged
    a name alone after a lower-case role (``spokesperson Imre Quill``)."""
    text = f"{title} {first} {last} said it was over. The {role} {first} {other} said so too. "
    titled = Span(0, len(f"{title} {first} {last}"))
    at = text.rindex(f"{first} {other}")
    g = infer([(text, [titled, Span(at, at + len(f"{first} {other}"))])])
    assert g.conventions.actor_title is True
    assert (g.findings["actor_title"].votes_in, g.findings["actor_title"].votes_out) == (1, 0)


AGES = st.sampled_from(["Fourteen-year-old", "Fifteen-year-old", "40-year-old", "seven-year-old"])


@settings(max_examples=60, deadline=None)
@given(AGES, FIRST, LAST, VERBS, st.booleans())
def test_an_age_before_a_name_decides_the_title_like_a_role(age, first, last, verb, age_in):
    """``Fourteen-year-old Zoe`` tagged ``Zoe``: an age is left out like a title (GUIDELINES),
    so titles go out; tagged with the age, they stay in."""
    text = f"On Monday. {age} {first} {last} {verb} the plan had failed."
    at = text.index(first)
    start = text.index(age) if age_in else at
    g = infer([(text, [Span(start, at + len(first) + 1 + len(last))])])
    assert g.conventions.actor_title is age_in
