"""Read spaCy ``DocBin`` files (``.spacy``; a file, or every ``*.spacy`` in a folder).

Each ``Doc`` gives its text and spans: every ``doc.spans`` group and ``doc.ents`` (a span
in several of them is imported once). A Doc written by ``margin export --format spacy``
carries ``doc.user_data["margin"]`` (document id, span ids, attributes, notes,
relations): then that is read instead, so the round trip keeps everything. Needs the
optional spaCy (``pip install 'margin[spacy]'``), imported only here.
"""

from __future__ import annotations

from pathlib import Path

from tui.errors import DataError
from tui.store.files import inflated_size
from tui.importers.base import Incoming, SpanIn, files, id_hint, is_int, margin_relations, read_bytes


def _spacy():
    try:
        import spacy  # noqa: F401
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab
    except ImportError:
        raise DataError("importing .spacy files needs spaCy: pip install 'margin[spacy]'") from None
    return DocBin, Vocab


MAX_INFLATED_BYTES = 256 * 2**20  # a DocBin's msgpack, inflated: bombs stop here


def read(path: Path, reading) -> list[Incoming]:
    DocBin, Vocab = _spacy()
    out = []
    for f in files(path, ("*.spacy",)):
        data = read_bytes(f, reading)
        if data is None:
            continue
        try:
            if inflated_size(data, MAX_INFLATED_BYTES) is None:
                reading.problem(f"{f}:1", f"inflates to over {MAX_INFLATED_BYTES // 2**20} MiB "
                                          "(a compression bomb, or a DocBin to split)")
                continue
            docs = list(DocBin().from_bytes(data).get_docs(Vocab()))
        except Exception as e:  # spaCy raises many kinds on a bad file; all mean "not a DocBin"
            reading.problem(f"{f}:1", f"not a spaCy DocBin ({type(e).__name__}); expected a file written by "
                                      "DocBin.to_disk")
            continue
        for n, doc in enumerate(docs, 1):
            inc = _doc(doc, f"{f}:1: doc {n}", str(f), reading)
            inc.name = inc.name or f"{f.stem}-{n}"
            out.append(inc)
    return out


def _doc(doc, where: str, fname: str, reading) -> Incoming:
    meta = doc.user_data.get("margin") if isinstance(doc.user_data, dict) else None
    if isinstance(meta, dict) and isinstance(meta.get("spans"), (list, tuple)):  # msgpack: tuples
        return _margin(doc, meta, where, fname, reading)
    inc = Incoming(where, None, doc.text, fname, exact=True)
    seen = set()
    groups = [(f"doc.spans[{k!r}]", list(g)) for k, g in doc.spans.items()] + [("doc.ents", list(doc.ents))]
    for group, spans in groups:
        for sp in spans:
            key = (sp.start_char, sp.end_char, sp.label_)
            if key in seen:
                continue
            seen.add(key)
            w = f"{where}: {group[:40]}"
            label = reading.label(w, sp.label_)
            if label is not None:
                inc.spans.append(SpanIn(f"{w} ({sp.label_} {sp.start_char}-{sp.end_char})", None, label,
                                        [(sp.start_char, sp.end_char)], sp.text))
    return inc


def _margin(doc, meta: dict, where: str, fname: str, reading) -> Incoming:
    """A Doc margin exported: its user_data holds the whole annotation."""
    doc_id = meta.get("id") if isinstance(meta.get("id"), str) else None
    inc = Incoming(where, doc_id, doc.text, fname, id_hint=id_hint(meta), exact=True,
                   status=meta["status"] if meta.get("status") in ("in_progress", "done") else "in_progress")
    for i, s in enumerate(meta["spans"], 1):
        w = f"{where}: span {i}"
        if not (isinstance(s, dict) and is_int(s.get("start")) and is_int(s.get("end"))):
            reading.problem(w, 'expected {"id", "label", "start": int, "end": int} in user_data["margin"]')
            continue
        label = reading.label(w, s.get("label"))
        if label is None:
            continue
        attrs = s.get("attrs") if isinstance(s.get("attrs"), dict) else {}
        note = s.get("note") if isinstance(s.get("note"), str) else None
        inc.spans.append(SpanIn(w, reading.span_id(w, s.get("id")), label, [(s["start"], s["end"])], None,
                                reading.attrs(w, label, attrs), note))
    rels = meta.get("relations") or []
    margin_relations(inc, rels if isinstance(rels, (list, tuple)) else [None], where, 'in user_data["margin"]', reading)
    return inc
