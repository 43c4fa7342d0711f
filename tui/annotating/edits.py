"""The keys of the annotate controller that change the annotation or the suggestions: tag,
delete, attributes, notes, relations, undo, done, accept and reject. Each is a method of
``Annotating`` (bound in its class body) and returns one ``Changed``; a key that needs a
form returns the dialog to open (``Changed.dialog``) and the screen calls the setter
(``set_attrs``, ``set_note``, ``link``) with what the form gave. Pure (no Textual).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui.annotating.changed import Changed, key
from tui.annotating.prompt import LinkChoice
from tui.annotating.speakers import relate_candidates
from tui.display import one_line
from tui.ghostset import reading_key
from tui.model import Span
from tui.quickattrs import Choice
from tui.store import rules

if TYPE_CHECKING:
    from tui.annotating.controller import Annotating


@key()
def tag(ctl: Annotating, label: str) -> Changed:
    """Tag the selection as ``label`` (the same span again removes it); offer its choices."""
    s, e = ctl.sel.as_tuple()
    what, span = ctl.session.toggle(label, s, e, attrs=ctl.tag_attrs(label, s, e))
    out = ctl._after_edit(what)
    if span is None:
        return out
    out |= ctl.select(span.start, span.end, on_span=span.id)
    ctl.offer_choices(span)
    ldef = ctl.schema.labels.get(label)
    if ldef is not None and ldef.description:  # the guideline, where the decision is made
        ctl.message = f"{what} · {label}: {ldef.description}"
    return out


@key()
def delete(ctl: Annotating, span_id: str | None = None) -> Changed:
    span = ctl.session.get(span_id) if span_id else ctl.current()
    if span is None:
        return ctl.say("no span here")
    ctl.session.delete(span.id)
    return ctl._after_edit(f"deleted {span.label} {one_line(span.text, 30)!r}")


@key()
def edit_attrs(ctl: Annotating, span_id: str | None = None) -> Changed:
    span = ctl.session.get(span_id) if span_id else ctl.current()
    if span is None:
        return ctl.say("no span here: select one and tag it first")
    ldef = ctl.schema.labels.get(span.label)
    if ldef is None or not ldef.attrs:
        return ctl.say(f"{span.label} has no attributes")
    return Changed(dialog=("attrs", span, ldef))


def set_attrs(ctl: Annotating, span_id: str, attrs: dict) -> Changed:
    span = ctl.session.get(span_id)
    if span is None:
        return Changed()
    ctl.session.update(span_id, attrs=attrs)
    return ctl._after_edit(f"edited {span.label} attributes")


@key()
def edit_note(ctl: Annotating) -> Changed:
    span = ctl.current()
    if span is None:
        return ctl.say("no span here")
    return Changed(dialog=("note", span))


def set_note(ctl: Annotating, span_id: str, note: str) -> Changed:
    if ctl.session.get(span_id) is None:
        return Changed()
    ctl.session.update(span_id, note=note.strip() or None)
    return ctl._after_edit("noted")


def answer(ctl: Annotating, choice: Choice, span: Span, digit: int | None, value: str) -> tuple[Span | None, Changed]:
    """Set what a prompt's ``choice`` asks on ``span``: an attribute, or a relation
    (``LinkChoice``); the span as it is after, and what changed."""
    if isinstance(choice, LinkChoice):
        other = choice.target(digit)
        if other is None:
            return span, Changed()
        src, dst = (span.id, other) if choice.outgoing else (other, span.id)
        if problem := _link_problem(ctl, choice.attr, src, dst):
            return span, ctl.say(f"not linked: {problem}")
        what, _ = ctl.session.link(choice.attr, src, dst)
        return span, ctl._after_edit(f"{what} {value!r}")
    new = ctl.session.update(span.id, attrs={**span.attrs, choice.attr: value})
    return new, ctl._after_edit(f"{span.label} {choice.attr}: {value}")


@key()
def relate(ctl: Annotating) -> Changed:
    """``r``: the relation this span can have, and its candidates, best first."""
    span = ctl.current()
    if span is None:
        return ctl.say("no span here: select a claim or an actor")
    for rdef in ctl.schema.relations.values():
        if span.label in rdef.from_labels:
            others, outgoing = rdef.to_labels, True
        elif span.label in rdef.to_labels:
            others, outgoing = rdef.from_labels, False
        else:
            continue
        cands = relate_candidates(ctl.text, span, [sp for sp in ctl.session.spans if sp.label in others])
        linked = {r.target if outgoing else r.source for r in ctl.session.relations_of(span.id) if r.label == rdef.name}
        return Changed(dialog=("relate", span, rdef, outgoing, cands, linked))
    return ctl.say(f"no relation starts or ends at a {span.label}")


def _fitting(ctl: Annotating, links: list[tuple[str, tuple, tuple]]) -> list[tuple[str, tuple, tuple]]:
    """The suggested links (label, source key, target key) the schema allows between their
    spans' labels (a key is (start, end, label)): the rule of ``store.rules``."""
    return [lk for lk in links if rules.relation_fits(ctl.schema.relations.get(lk[0]), lk[1][2], lk[2][2])]


def link(ctl: Annotating, label: str, source_id: str, target_id: str) -> Changed:
    """Draw (or remove) relation ``label``, only between spans its schema allows."""
    if problem := _link_problem(ctl, label, source_id, target_id):
        return ctl.say(f"not linked: {problem}")
    what, _ = ctl.session.link(label, source_id, target_id)
    return ctl._after_edit(what)


def _link_problem(ctl: Annotating, label: str, source_id: str, target_id: str) -> str | None:
    """What a saved file would refuse in this relation (``store.rules.endpoint_problem``),
    found before it is drawn."""
    spans: dict[str, str | None] = {sp.id: sp.label for sp in ctl.session.spans}
    rdef = ctl.schema.relations.get(label)
    return rules.relation_label_problem(ctl.schema, label) or next(
        (p for end, ref in (("from", source_id), ("to", target_id))
         if (p := rules.endpoint_problem(end, ref, spans, label, rdef))), None)


@key()
def undo(ctl: Annotating) -> Changed:
    return _history(ctl, ctl.session.undo(), "undid", "nothing to undo")


@key()
def redo(ctl: Annotating) -> Changed:
    return _history(ctl, ctl.session.redo(), "redid", "nothing to redo")


def _history(ctl: Annotating, what: str | None, done: str, nothing: str) -> Changed:
    out = ctl._after_edit(f"{done}: {what}" if what else nothing)
    out.header = bool(what and what.startswith("marked"))
    return out


@key()
def toggle_done(ctl: Annotating) -> Changed:
    done = ctl.session.annotation.status == "done"
    ctl.session.set_status("in_progress" if done else "done")
    out = ctl._after_edit("marked in progress" if done else "marked done")
    out.header = True
    return out


# -- suggestions -------------------------------------------------------------------------
@key()
def accept(ctl: Annotating) -> Changed:
    """enter: make the suggestion the selection means, and stay on it (resize keys fix an
    almost-right one, a digit answers what it lacks; tab moves on)."""
    g = ctl.ghost_at()
    if g is None:
        return ctl.say("no suggestion here (tab/space to move; S shows or hides suggestions)")
    out, made = _accept(ctl, g, "tab: next")
    if made is not None:
        out |= ctl.select(made.start, made.end, on_span=made.id)
        ctl.offer_choices(made)
    return out


@key()
def accept_next(ctl: Annotating) -> Changed:
    """y: make the suggestion selected and go to the next one. Off one, go to a suggestion
    first, to see it: the one under the cursor, else the next."""
    s, e = ctl.sel.as_tuple()
    g = ctl.ghost_at()
    ghosts = ctl.suggesting.ghosts
    if g is None or (g.start, g.end) != (s, e):
        nxt = g or ghosts.after((s, -e)) or ghosts.first()
        if nxt is None:
            return ctl.say("no suggestions left")
        return ctl.select(nxt.start, nxt.end) | ctl.say(f"suggested {nxt.label}: y accepts, ⌫ rejects")
    out, made = _accept(ctl, g, "")
    nxt = ghosts.after(reading_key(g)) or ghosts.first()
    if nxt is not None:
        return out | ctl.select(nxt.start, nxt.end)
    if made is not None:
        out |= ctl.select(made.start, made.end, on_span=made.id)
    return out


def _accept(ctl: Annotating, g: Span, then: str) -> tuple[Changed, Span | None]:
    """Make suggestion ``g`` with the links it carries (and what tagging its words would
    fill in that it lacks: a model's figure without the qualifier its text states); the
    message names the links."""
    filled = {**ctl.tag_attrs(g.label, g.start, g.end), **g.attrs}
    made_from = replace(g, attrs=filled) if filled != g.attrs else g
    ctl.session.add_many([made_from], _fitting(ctl, ctl.suggesting.links_for([g])))
    made = ctl.session.find(g.key)
    said = [f"accepted {g.label}"]
    if made is not None:
        for r in ctl.session.relations_of(made.id):
            other = ctl.session.get(r.target if r.source == made.id else r.source)
            if other is not None:
                said.append(f"{r.label} {one_line(other.text, 24)!r}")
    return ctl._after_edit(" · ".join([*said, *([then] if then else [])])), made


@key()
def reject(ctl: Annotating) -> Changed:
    """backspace: the suggestion is not offered again; on to the next one."""
    g = ctl.ghost_at()
    if g is None:
        return ctl.say("no suggestion here")
    ctl.suggesting.reject(g)
    out = Changed(ghosts=(g.start, g.end)) | ctl.say(f"rejected suggested {g.label}")
    nxt = ctl.suggesting.ghosts.after(reading_key(g))
    if nxt is not None:
        out |= ctl.select(nxt.start, nxt.end)
    return out


@key()
def accept_all(ctl: Annotating) -> Changed:
    """A: every live suggestion in view (of the label under the cursor, if one is)."""
    g = ctl.ghost_at()
    lo, hi = ctl.view_range
    todo = [x for x in ctl.suggesting.ghosts.overlapping(lo, hi) if g is None or x.label == g.label]
    if not todo:
        return ctl.say("no suggestions in view")
    added = ctl.session.add_many(todo, _fitting(ctl, ctl.suggesting.links_for(todo)))
    return ctl._after_edit(f"accepted {len(added)} suggestion{'s' if len(added) != 1 else ''}")


@key()
def toggle_suggestions(ctl: Annotating) -> Changed:
    """S: show or hide them (the first show of a long article computes them)."""
    shown = not ctl.suggesting.shown
    ctl.suggesting.show(shown)
    ctl.message = "suggestions shown" if shown else "suggestions hidden"
    out = Changed(ghost_set=True)
    if shown and ctl.suggesting.suggestions is None:
        out.worker = ("suggest",)
    return out


def set_suggestions(ctl: Annotating, suggestions: Any) -> Changed:
    """The worker's suggestions for this document."""
    ctl.suggesting.set(suggestions)
    return Changed(ghost_set=True)
