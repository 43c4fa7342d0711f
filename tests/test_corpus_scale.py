"""What opening a document reads does not grow with the corpus: the suggester infers the
conventions from a bounded sample of annotated documents, and listings take one directory
read each."""

from __future__ import annotations

import pytest

from bench import gen
from tui.corpus import Corpus


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return gen.team(tmp_path_factory.mktemp("scale") / "corpus", docs=40, spans=4, size=600)


def test_a_sample_is_spread_over_the_annotated_documents(big):
    corpus = Corpus(big)
    annotated = sorted({p.parent.name for p in corpus.annotation_files()})
    s = corpus.sample(5)
    assert len(s.only or ()) == 5 and set(s.only or ()) <= set(annotated)
    assert annotated[0] in (s.only or ())  # spread from the first
    assert {p.parent.name for p in s.annotation_files()} == s.only
    assert set(s.doc_ids()) == s.only and s.doc_ids() == sorted(s.only or ())
    assert corpus.sample(1000).annotation_files() == corpus.annotation_files()
    assert s.sample(2).only is not None and s.sample(2).only <= (s.only or frozenset())


def test_the_suggester_reads_a_bounded_number_of_documents(big, monkeypatch):
    from tui import store
    from tui.suggest import learn

    read = set()
    real = store.load
    monkeypatch.setattr(store, "load", lambda path, *a, **k: read.add(path.parent.name) or real(path, *a, **k))
    monkeypatch.setattr(learn, "SAMPLE_DOCS", 7)
    learn.Suggester.for_corpus(Corpus(big))
    assert 0 < len(read) <= 7


def test_margin_yaml_is_parsed_once_per_version_of_the_file(tmp_path, monkeypatch):
    from tui import corpus as corpus_mod
    from tui.store import yamlio

    parsed = []
    real = yamlio.safe_load_text
    monkeypatch.setattr(yamlio, "safe_load_text", lambda text, where: parsed.append(where) or real(text, where))
    settings = tmp_path / "margin.yaml"
    settings.write_text("keys: {undo: z}\n")
    for _ in range(3):
        assert corpus_mod.load_settings(tmp_path) == {"keys": {"undo": "z"}}
        corpus_mod.load_schema(settings)
    assert len(parsed) == 1
    corpus_mod.load_settings(tmp_path)["keys"]["undo"] = "changed by a caller"
    assert corpus_mod.load_settings(tmp_path) == {"keys": {"undo": "z"}}  # callers get their own copy
    settings.write_text("keys: {undo: u, redo: r}\n")  # a new version of the file: read again
    assert corpus_mod.load_settings(tmp_path) == {"keys": {"undo": "u", "redo": "r"}}
    assert len(parsed) == 2
