"""brat export: golden .ann/.conf, and the standoff rules brat enforces when it reads them."""

from __future__ import annotations


from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, SEED
from tests.helpers import golden
from tui.cli import main
from tui.export.brat import ann_text, annotation_conf, encode_value, fragments
from tui.model import Annotation, make_span
from tui.schema import DEFAULT_SCHEMA


def brat_check(text: str, ann: str) -> list[tuple[str, str, list]]:
    """What brat's TextAnnotations parser checks on T lines (server/src/annotation.py):
    integer fragments, no overlap (end >= ostart counts), text == fragments joined by ' '."""
    out = []
    for line in ann.splitlines():  # brat splits .ann lines at every str.splitlines() boundary
        bid, data, *tail = line.split("\t", 2)
        if not bid.startswith("T"):
            continue
        label, rest = data.split(" ", 1)
        frags = [tuple(int(x) for x in f.split(" ")) for f in rest.split(";")]
        seen = []
        for a, b in frags:
            assert 0 <= a <= b <= len(text)
            assert not any(b >= oa and a < ob for oa, ob in seen), line
            seen.append((a, b))
        assert tail[0] == " ".join(text[a:b] for a, b in frags), line
        out.append((bid, label, frags))
    return out


def test_seed_golden(capsys, corpus_dir, alice_file):
    out = corpus_dir / "out"
    assert main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", "brat"]) == 0
    ann = (out / "alice" / f"{SEED}.ann").read_text(encoding="utf-8")
    golden("seed.ann", ann)
    golden("annotation.conf", (out / "annotation.conf").read_text(encoding="utf-8"))
    assert (out / "alice" / f"{SEED}.txt").read_bytes() == (corpus_dir / "seeds" / f"{SEED}.txt").read_bytes()
    assert (out / "visual.conf").read_text(encoding="utf-8").startswith("[labels]")
    text = (corpus_dir / "seeds" / f"{SEED}.txt").read_text(encoding="utf-8")
    assert len(brat_check(text, ann)) == 9
    assert "R1\tattributed_to Arg1:T3 Arg2:T1\n" in ann and "\tqualifier T5 at%20least\n" in ann
    assert "\tAnnotatorNotes T6\tUN estimate\n" in ann


def test_line_breaks_become_fragments_with_exact_ends():
    text = "one\r\ntwo\u2028three\n"
    assert fragments(text, 0, 3) == [(0, 3)]
    assert fragments(text, 0, 8) == [(0, 3), (5, 8)]  # across \r\n
    assert fragments(text, 3, 8) == [(3, 3), (5, 8)]  # starts with the break
    assert fragments(text, 5, 15) == [(5, 8), (9, 14), (15, 15)]  # ends with one
    assert fragments(text, 3, 5) == [(3, 3), (5, 5)]  # only a break
    spans = [make_span(text, "s1", "CLAIM", 0, 15), make_span(text, "s2", "ACTOR", 3, 5, note="a\nb\\n")]
    ann = ann_text(text, Annotation("d", "", len(text), "a", spans=spans))
    assert len(ann.splitlines()) == 3  # no raw break escaped into a line
    assert brat_check(text, ann) == [("T1", "CLAIM", [(0, 3), (5, 8), (9, 14), (15, 15)]),
                                     ("T2", "ACTOR", [(3, 3), (5, 5)])]
    assert "#1\tAnnotatorNotes T2\ta\\nb\\\\n" in ann


def test_attribute_values_fit_brat_configuration():
    assert encode_value("at least") == "at%20least" and encode_value("50%|a,b") == "50%25%7Ca%2Cb"
    assert encode_value(12500000000.0) == "12500000000.0" and encode_value("Ünïcode") == "Ünïcode"
    text = "x"
    ann = Annotation("d", "", 1, "a", spans=[make_span(text, "s1", "FIGURE", 0, 1, attrs={"unit": "kg per\nday"})])
    from tui.export import Part, Record
    from tui.model import Document

    conf = annotation_conf(DEFAULT_SCHEMA, ("FIGURE",), [Part("data", [Record(Document("d", text), ann)])])
    attrs = conf.split("[attributes]")[1].strip().splitlines()
    assert "unit\tArg:FIGURE, Value:kg%20per%0Aday" in attrs
    for line in attrs:  # brat's config parser: NAME<TAB>Key:v|v, ... with no spaces in values
        name, args = line.split("\t")
        assert all(":" in a and " " not in a.strip() for a in args.split(","))


# brat's configuration grammar (server/src/projectconfig.py, __read_term_hierarchy and
# TypeHierarchyNode), restated as checks: a file breaking any of them makes brat fall back
# to its default configuration.
BRAT_RESERVED = {f"<{n}>" for n in ("ANY", "ENTITY", "RELATION", "EVENT", "NONE", "EMPTY", "REL-TYPE", "URL",
                                    "URLBASE", "GLYPH-POS", "DEFAULT", "NORM", "OVERLAP", "OVL-TYPE", "INHERIT")}


def brat_conf_errors(conf: str) -> list[str]:
    import re

    errors, section, types = [], None, {}
    for line in conf.split("\n"):
        if re.match(r"^\s*\[(.*)\]\s*$", line):
            section = line.strip()[1:-1]
            continue
        if not line.strip() or re.match(r"^\s*#", line) or re.match(r"^\s*-+\s*$", line):
            continue
        if re.match(r"^<([a-zA-Z_-]+)>=", line):
            errors.append(f"macro definition: {line!r}")
            continue
        errors += [f"undefined macro {m!r}: {line!r}" for m in re.findall(r"<.*?>", line) if m not in BRAT_RESERVED]
        m = re.match(r"^(\s*)(\S+)(?:\s+(.*))?$", line)
        if not m:
            errors.append(f"unparsable: {line!r}")
            continue
        indent, terms, args = m.groups()
        if indent:
            errors.append(f"indented (a child type): {line!r}")
        first = terms.split("|")[0]
        if first not in BRAT_RESERVED and not re.fullmatch(r"[a-zA-Z0-9_-]+", first.lstrip("!")) or first[:1] == "!":
            errors.append(f"type name brat rewrites: {first!r}")
        types.setdefault(section, []).append(first)
        keys = set()
        for a in [a.strip() for a in (args or "").split(",") if a.strip()]:
            am = re.match(r"^(\S*?):(\S*)$", a)
            if not am:
                errors.append(f"argument: {a!r}")
                continue
            key, values = am.groups()
            if key in BRAT_RESERVED:
                continue
            if key in keys or not re.match(r"^(\S+?)(\{\S+\}|\?|\*|\+|)$", key):
                errors.append(f"key {key!r}: {line!r}")
            keys.add(key)
            if any(not v.strip() for v in values.split("|")):
                errors.append(f"empty value: {line!r}")
    return errors


def test_the_grammar_check_catches_what_broke_brat():
    assert brat_conf_errors("[attributes]\nunit\tArg:FIGURE, Value:<b>|c\n")  # undefined macro <b>
    assert brat_conf_errors("[attributes]\nunit\tArg:FIGURE, Value:a b\n")
    assert brat_conf_errors("[attributes]\na%20b\tArg:FIGURE, Value:x\n")  # brat stores it as a_20b
    assert brat_conf_errors((DATA / "export" / "annotation.conf").read_text(encoding="utf-8")) == []


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_any_attribute_value_keeps_annotation_conf_valid(values):
    from urllib.parse import unquote

    from tui.export import Part, Record
    from tui.model import Document

    text = "x" * 20
    spans = [make_span(text, f"s{i}", "FIGURE", i, i + 1, attrs={"unit": v}) for i, v in enumerate(values)]
    ann = Annotation("d", "", len(text), "a", spans=spans)
    conf = annotation_conf(DEFAULT_SCHEMA, ("FIGURE",), [Part("data", [Record(Document("d", text), ann)])])
    assert brat_conf_errors(conf) == []
    (unit,) = [line for line in conf.splitlines() if line.startswith("unit\t")]
    declared = unit.split("Value:", 1)[1].split("|")
    assert {unquote(v) for v in declared} == {v for v in values if v}


def test_names_brat_would_rewrite_are_refused(capsys, corpus_dir, alice_file):
    import yaml

    from tui.schema import DEFAULT_SCHEMA_DICT

    schema = yaml.safe_load(yaml.safe_dump(DEFAULT_SCHEMA_DICT))
    schema["labels"]["FIGURE"]["attrs"]["unité"] = "text"  # a word to margin.yaml, not to brat
    (corpus_dir / "margin.yaml").write_text(yaml.safe_dump({"schema": schema}), encoding="utf-8")
    code = main(["export", "--corpus", str(corpus_dir), "--out", str(corpus_dir / "out"), "--format", "brat"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "attribute name 'unité' is not a brat type name" in err and not (corpus_dir / "out").exists()
