"""csv, parquet and claims exports, read back with the csv module, pandas and pyarrow."""

from __future__ import annotations

import csv
import io
import os
import sys

from tests.conftest import DATA, SEED
from tui.cli import main


def export(capsys, corpus_dir, fmt, *argv):
    out = corpus_dir / "out"
    code = main(["export", "--corpus", str(corpus_dir), "--out", str(out), "--format", fmt, *argv])
    err = capsys.readouterr().err
    return code, out, err


def golden(name: str, data: str) -> None:
    path = DATA / "export" / name
    if os.environ.get("MARGIN_UPDATE_GOLDEN"):
        path.write_text(data, encoding="utf-8")
    assert data == path.read_text(encoding="utf-8")


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
    assert [(r["claim_id"], r["actor"], r["actor_type"], r["figure"], r["figure_value"], r["figure_qualifier"])
            for r in rows] == [
        ("s3", "Indonesia’s embassy in Phnom Penh", "government", "1,440 Indonesian nationals", "1440", "exact"),
        ("s8", "The UN", "organisation", "around 100,000 people", "100000", "about")]
    assert rows[0]["status"] == "reported"


def test_claims_with_several_figures_and_no_actor():
    from tui.export import Record
    from tui.export.claims import claim_rows, header
    from tui.model import Annotation, Document, make_span
    from tui.schema import DEFAULT_SCHEMA

    text = "Police said 3 died and 40 fled."
    spans = [make_span(text, "s1", "CLAIM", 12, 30), make_span(text, "s2", "FIGURE", 12, 13, attrs={"value": 3}),
             make_span(text, "s3", "FIGURE", 23, 25, attrs={"value": 40, "unit": "people"})]
    rec = Record(Document("d", text), Annotation("d", "", len(text), "a", spans=spans))
    (row,) = [dict(zip(header(DEFAULT_SCHEMA), r)) for r in claim_rows([rec], DEFAULT_SCHEMA)]
    assert (row["actor"], row["figure"], row["figure_value"], row["figure_unit"], row["figure_id"]) == \
        ("", "3 | 40", "3 | 40", " | people", "s2 | s3")


def test_claims_needs_the_claim_label(capsys, corpus_dir, alice_file):
    code, out, err = export(capsys, corpus_dir, "claims", "--labels", "ACTOR")
    assert code == 1 and "--format claims needs the CLAIM label" in err
