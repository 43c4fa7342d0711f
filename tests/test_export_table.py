"""csv, parquet and claims exports, read back with the csv module, pandas and pyarrow."""

from __future__ import annotations

import csv
import json
import io
import sys

from tests.conftest import SEED
from tests.helpers import golden
from tui.cli import main


def export(capsys, corpus_dir, fmt, *argv):
    out = corpus_dir / "out"
    code = main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", fmt, *argv])
    err = capsys.readouterr().err
    return code, out, err


def test_csv_one_row_per_span(capsys, corpus_dir, alice_file):
    code, out, err = export(capsys, corpus_dir, "csv")
    assert code == 0
    data = (out / "data.csv").read_text(encoding="utf-8")
    golden("seed.csv", data)
    rows = list(csv.DictReader(io.StringIO(data)))
    assert list(rows[0]) == ["document", "annotator", "id", "label", "start", "end", "text",
                             "type", "value", "unit", "qualifier", "status", "note"]
    assert len(rows) == 9 and {r["document"] for r in rows} == {SEED}
    s9 = next(r for r in rows if r["id"] == "s9")
    assert (s9["value"], s9["unit"], s9["qualifier"], s9["type"]) == ("12500000000.0", "USD", "more than", "")
    import pandas as pd

    df = pd.read_csv(out / "data.csv")
    assert df["label"].value_counts().to_dict() == {"FIGURE": 4, "ACTOR": 3, "CLAIM": 2}
    assert df.loc[df["id"] == "s2", "value"].item() == 1440


def test_parquet_types(capsys, corpus_dir, alice_file):
    import pyarrow.parquet as pq

    code, out, err = export(capsys, corpus_dir, "parquet", "--labels", "FIGURE")
    assert code == 0
    t = pq.read_table(out / "data.parquet")
    assert t.column_names == ["document", "annotator", "id", "label", "start", "end", "text",
                              "value", "unit", "qualifier", "note"]
    assert str(t.schema.field("start").type) == "int64" and str(t.schema.field("value").type) == "double"
    rows = t.to_pylist()
    assert [r["value"] for r in rows] == [1440.0, 15.0, 100000.0, 12500000000.0]
    assert [r["note"] for r in rows] == [None, None, "UN estimate", None]


def test_parquet_without_pyarrow_says_what_to_install(capsys, corpus_dir, alice_file, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    code, out, err = export(capsys, corpus_dir, "parquet")
    assert code == 1 and err == "margin: --format parquet needs pyarrow: pip install 'margin[parquet]'\n"
    assert not out.exists()


def test_claims_ledger(capsys, corpus_dir, alice_file):
    code, out, err = export(capsys, corpus_dir, "claims")
    assert code == 0
    data = (out / "data.csv").read_text(encoding="utf-8")
    golden("seed_claims.csv", data)
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [(r["claim_id"], json.loads(r["actors"]), json.loads(r["actor_type"]), r["figure"], r["figure_value"],
             r["figure_qualifier"]) for r in rows] == [
        ("s3", ["Indonesia’s embassy in Phnom Penh"], ["government"], "1,440 Indonesian nationals", "1440", "exact"),
        ("s8", ["The UN"], ["organisation"], "around 100,000 people", "100000", "about")]
    assert rows[0]["status"] == "reported"


def ledger(text, spans, relations=()):
    from tui.export import Record
    from tui.export.claims import claim_rows, header
    from tui.model import Annotation, Document
    from tui.schema import DEFAULT_SCHEMA

    rec = Record(Document("d", text), Annotation("d", "", len(text), "a", spans=spans, relations=list(relations)).sorted())
    buf = io.StringIO()
    from tui.export.csv import write_table

    write_table(buf, header(DEFAULT_SCHEMA), claim_rows([rec], DEFAULT_SCHEMA))
    return buf.getvalue()


def test_claims_long_form_read_by_pandas_with_the_right_dtypes():
    """Several figures in a claim, figures in nested claims, several actors, no actor:
    pandas reads figure_value as numbers, each figure once, actors as JSON arrays."""
    import pandas as pd

    from tui.model import Relation, make_span

    text = "Police said 3 died and 40 fled, and the UN and WHO said 12.5 percent | 10 left."
    spans = [make_span(text, "s1", "CLAIM", 12, 30),  # 3 died and 40 fled
             make_span(text, "s2", "FIGURE", 12, 13, attrs={"value": 3}),
             make_span(text, "s3", "FIGURE", 23, 25, attrs={"value": 40, "unit": "people"}),
             make_span(text, "s4", "CLAIM", 0, 30),  # the outer claim holds s1 and its figures
             make_span(text, "s5", "ACTOR", 40, 42), make_span(text, "s6", "ACTOR", 47, 50),
             make_span(text, "s7", "CLAIM", 56, 78),
             make_span(text, "s8", "FIGURE", 56, 68, attrs={"value": -12.5, "unit": "percent | 10"})]
    rels = [Relation("r1", "attributed_to", "s7", "s6"), Relation("r2", "attributed_to", "s7", "s5")]
    df = pd.read_csv(io.StringIO(ledger(text, spans, rels)))
    assert str(df["figure_value"].dtype) == "float64" and str(df["start"].dtype) == "int64"
    assert str(df["figure_start"].dtype) == "float64"  # a claim without figure: NaN
    assert df["figure_value"].sum() == 3 + 40 - 12.5  # each figure once, though s4 holds s1's
    assert df.groupby("claim_id")["figure_id"].apply(lambda x: list(x.dropna())).to_dict() == {
        "s1": ["s2", "s3"], "s4": [], "s7": ["s8"]}
    assert df[df.figure_index.fillna(1) == 1].claim_id.tolist() == ["s4", "s1", "s7"]  # one row per claim
    s7 = df[df.claim_id == "s7"].iloc[0]
    assert json.loads(s7["actors"]) == ["UN", "WHO"] and json.loads(s7["actor_ids"]) == ["s5", "s6"]
    assert s7["figure_unit"] == "percent | 10"  # no joiner to confuse it with
    assert json.loads(df[df.claim_id == "s1"].iloc[0]["actors"]) == []


def test_claims_needs_the_claim_label(capsys, corpus_dir, alice_file):
    code, out, err = export(capsys, corpus_dir, "claims", "--labels", "ACTOR")
    assert code == 1 and "--format claims needs the CLAIM label" in err


def test_claims_figure_value_dtype_is_what_the_docs_say():
    """docs/export.md: pandas infers int64 when every figure_value is a whole number and every
    claim has a figure, float64 otherwise; dtype={"figure_value": "float64"} gives one type."""
    import pandas as pd

    from tui.model import make_span

    text = "Police said 3 died and 40 fled."
    spans = [make_span(text, "s1", "CLAIM", 12, 30), make_span(text, "s2", "FIGURE", 12, 13, attrs={"value": 3}),
             make_span(text, "s3", "FIGURE", 23, 25, attrs={"value": 40})]
    data = ledger(text, spans)
    assert str(pd.read_csv(io.StringIO(data))["figure_value"].dtype) == "int64"
    assert str(pd.read_csv(io.StringIO(data), dtype={"figure_value": "float64"})["figure_value"].dtype) == "float64"
    data = ledger(text, [*spans, make_span(text, "s4", "CLAIM", 0, 6)])  # a claim without a figure: empty cells
    assert str(pd.read_csv(io.StringIO(data))["figure_value"].dtype) == "float64"
