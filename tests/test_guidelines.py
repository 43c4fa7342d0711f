"""Guidelines in the schema: validated with path errors, printed as Markdown (checked with
markdown-it, the parser Textual uses), shown as lines for the help and tag key."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tui.cli import main
from tui.errors import DataError
from tui.guidelines import label_lines, markdown
from tui.schema import DEFAULT_SCHEMA_DICT, schema_from_dict

SPEC = {
    "labels": {
        "ACTOR": {"key": "a", "description": "who acts or speaks; leave out *the*",
                  "examples": {"in": ["Prime Minister Hun Manet", "UN"], "out": ["the government's `decision`"]},
                  "attrs": {"type": {"values": ["person", "group"], "description": "what kind",
                                     "examples": {"out": ["\x1b]0;pwned\x07"]}}}},
        "FIGURE": {"key": "f", "attrs": {"value": "number"}},
    },
    "relations": {},
}


def test_schema_keeps_guidelines_and_round_trips():
    schema = schema_from_dict(SPEC)
    actor = schema.labels["ACTOR"]
    assert actor.examples_in == ("Prime Minister Hun Manet", "UN")
    assert actor.attrs["type"].values == ("person", "group") and actor.attrs["type"].description == "what kind"
    assert schema_from_dict(schema.to_dict()) == schema
    assert schema_from_dict(DEFAULT_SCHEMA_DICT).to_dict()["labels"]["ACTOR"]["attrs"]["type"][0] == "person"


@pytest.mark.parametrize("change,message", [
    (lambda s: s["labels"]["ACTOR"].update(examples={"in": "UN"}), "labels.ACTOR.examples.in: must be a list of texts"),
    (lambda s: s["labels"]["ACTOR"].update(examples={"maybe": []}), "labels.ACTOR.examples: expected a mapping"),
    (lambda s: s["labels"]["ACTOR"].update(examples={"in": [1]}), "labels.ACTOR.examples.in: must be a list of texts"),
    (lambda s: s["labels"]["ACTOR"].update(description=["x"]), "labels.ACTOR.description: must be text"),
    (lambda s: s["labels"]["ACTOR"].update(examples={"in": ["x" * 201]}), r"labels.ACTOR.examples.in\[0\]: longer than 200"),
    (lambda s: s["labels"]["ACTOR"]["attrs"]["type"].update(colour="red"), "labels.ACTOR.attrs.type: unknown key 'colour'"),
    (lambda s: s["labels"]["ACTOR"]["attrs"]["type"].update(examples={"out": [""]}),
     "labels.ACTOR.attrs.type.examples.out: must be a list of texts"),
])
def test_bad_guidelines_name_their_path(change, message):
    import copy

    spec = copy.deepcopy(SPEC)
    change(spec)
    with pytest.raises(DataError, match=rf"^margin.yaml: {message}"):
        schema_from_dict(spec)


def test_markdown_handbook_parses_as_intended():
    text = markdown(schema_from_dict(SPEC))
    assert "\x1b" not in text and "\x07" not in text
    tokens = MarkdownIt().parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Annotation guidelines", "ACTOR (key `a`)", "Examples", "ACTOR · type: `person`, `group`",
                        "Examples", "FIGURE (key `f`)", "FIGURE · value: number"]
    items = [t.content for t in tokens if t.type == "inline" and t.content.startswith(("✓", "✗"))]
    assert items[:3] == ["✓ `Prime Minister Hun Manet`", "✓ `UN`", "✗ `` the government's `decision` `` (not ACTOR)"]
    para = next(t for t in tokens if t.type == "inline" and t.content.startswith("who"))
    assert "<em>" not in MarkdownIt().render(para.content)  # *the* stays literal


def test_label_lines_for_the_help_screen():
    lines = label_lines(schema_from_dict(SPEC), "ACTOR")
    assert [(ln.role, ln.text) for ln in lines[:5]] == [
        ("title", "ACTOR (a)"), ("text", "who acts or speaks; leave out *the*"),
        ("in", "  ✓ Prime Minister Hun Manet"), ("in", "  ✓ UN"), ("out", "  ✗ the government's `decision`")]
    assert lines[5] == type(lines[5])("values", "  type: person, group")
    assert all("\x1b" not in ln.text for ln in lines)
    assert label_lines(schema_from_dict(SPEC), "FIGURE")[-1].text.startswith("no guideline yet")


def test_guidelines_command(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    assert main(["guidelines", "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("# Annotation guidelines\n\n## ACTOR (key `a`)\n\nwho acts or speaks")
