"""Annotation guidelines from the schema: each label's and attribute's description and
short examples (in and out), as Markdown for the team's handbook (``margin guidelines``)
and as lines the screens' help and tag key can show (pure: no Textual, no Rich).

In margin.yaml::

    labels:
      ACTOR:
        key: a
        description: who acts or speaks; include titles, not articles
        examples: {in: ["Prime Minister Hun Manet", "the UN"], out: ["the government's decision"]}
        attrs:
          type: {values: [person, organisation, government], description: what kind of actor}
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.markdown_safe import code as md_code, text as md_text
from tui.display import one_line
from tui.schema import AttrDef, LabelDef, Schema


@dataclass(frozen=True)
class Line:
    """One line of a guideline: ``role`` is title, text, values, in or out (the screen picks
    a style per role); ``text`` is displayable (control characters replaced)."""

    role: str
    text: str


def _block(d: LabelDef | AttrDef, indent: str = "") -> list[Line]:
    out = []
    if d.description:
        out.append(Line("text", indent + one_line(d.description)))
    for ex in d.examples_in:
        out.append(Line("in", f"{indent}  ✓ {one_line(ex)}"))
    for ex in d.examples_out:
        out.append(Line("out", f"{indent}  ✗ {one_line(ex)}"))
    return out


def label_lines(schema: Schema, label: str) -> list[Line]:
    """The guideline of ``label`` and its attributes, for the ``?`` help and the tag key."""
    lab = schema.labels.get(label)
    if lab is None:
        return [Line("text", f"unknown label {one_line(label, 40)!r}")]
    out = [Line("title", f"{one_line(lab.name)} ({one_line(lab.key)})")]
    out.extend(_block(lab))
    for a in lab.attrs.values():
        kind = ", ".join(one_line(v) for v in a.values) if a.kind == "enum" else a.kind
        out.append(Line("values", f"  {one_line(a.name)}: {kind}"))
        out.extend(_block(a, "    "))
    if not lab.description and not lab.examples_in and not lab.examples_out:
        out.append(Line("text", "no guideline yet: add a description and examples in margin.yaml"))
    return out


def has_guidelines(schema: Schema) -> bool:
    return any(lab.description or lab.examples_in or lab.examples_out
               or any(a.description or a.examples_in or a.examples_out for a in lab.attrs.values())
               for lab in schema.labels.values())


def _md_block(d: LabelDef | AttrDef, level: str) -> list[str]:
    out = []
    if d.description:
        out += [md_text(d.description), ""]
    if d.examples_in:
        out += [f"{level}Examples", ""] + [f"- ✓ {md_code(e)}" for e in d.examples_in]
    if d.examples_out:
        if not d.examples_in:
            out += [f"{level}Examples", ""]
        out += [f"- ✗ {md_code(e)} (not {md_text(d.name)})" for e in d.examples_out]
    if d.examples_in or d.examples_out:
        out.append("")
    return out


def markdown(schema: Schema, title: str = "Annotation guidelines") -> str:
    """The whole schema as a Markdown handbook chapter."""
    out = [f"# {md_text(title)}", ""]
    for lab in schema.labels.values():
        out += [f"## {md_text(lab.name)} (key {md_code(lab.key)})", ""]
        out += _md_block(lab, "#### ")
        for a in lab.attrs.values():
            kind = ", ".join(md_code(v) for v in a.values) if a.kind == "enum" else a.kind
            out += [f"### {md_text(lab.name)} · {md_text(a.name)}: {kind}", ""]
            out += _md_block(a, "#### ")
    if schema.relations:
        out += ["## Relations", ""]
        for r in schema.relations.values():
            out.append(f"- **{md_text(r.name)}**: from {', '.join(map(md_text, r.from_labels))} "
                       f"to {', '.join(map(md_text, r.to_labels))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
