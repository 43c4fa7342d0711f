"""Which corpus document an incoming record is: by margin id (text checked), by its text
(sha256), or for token-only input by character alignment of its tokens, whitespace
ignored. Ambiguity is refused, never guessed. A record that carries a text no document
has makes a new document (``create``): the import adds it to ``seeds/``."""

from __future__ import annotations

import re
from pathlib import Path

from tui.corpus import Corpus
from tui.model import Document, sha256_text
from tui.names import NAME_RE
from tui.offsets import Units
from tui.importers.base import Incoming, Reading
from tui.importers.place import align_tokens, strip_ws


class Matcher:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.ids = set(corpus.doc_ids())
        self._docs: dict = {}
        self._by_text: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None  # see _index
        self.new: dict[str, Document] = {}  # documents the import adds to seeds/, by id
        self.new_by_sha: dict[str, str] = {}

    def doc(self, doc_id: str):
        if doc_id not in self._docs:
            self._docs[doc_id] = self.corpus.document(doc_id)
        return self._docs[doc_id]

    def _index(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Document ids by the text's sha256 and by the text without whitespace (built once)."""
        if self._by_text is None:
            by_sha: dict[str, list[str]] = {}
            by_chars: dict[str, list[str]] = {}
            for d in sorted(self.ids):
                doc = self.doc(d)
                by_sha.setdefault(doc.sha256, []).append(d)
                by_chars.setdefault(strip_ws(doc.text), []).append(d)
            self._by_text = by_sha, by_chars
        return self._by_text

    def _tokens_fit(self, inc: Incoming) -> bool:
        """Does every token of ``inc`` read the same at its offsets in the document it names?"""
        if not inc.probes or inc.id_hint not in self.ids:
            return False
        text = self.doc(inc.id_hint).text  # type: ignore[arg-type]
        read = Units(text).reader(inc.offsets or "codepoints")
        for a, b, token in inc.probes:
            ca, cb = read(a), read(b)
            if ca is None or cb is None or text[ca:cb] != token:
                return False
        return True

    def create(self, inc: Incoming, reading: Reading) -> Document | None:
        """The new document ``inc`` carries the text of (one per text: several records of
        it share it), with an id from the record (its margin id, else its name, made valid),
        unique in the corpus."""
        assert inc.text is not None
        if "\0" in inc.text or inc.text.startswith("\ufeff") or not inc.text.strip():
            reading.problem(inc.where, "no document in the corpus has this record's text, and it cannot be one "
                                       "(empty, a NUL character or a byte-order mark): add the article first")
            return None
        sha = sha256_text(inc.text)
        if sha in self.new_by_sha:
            return self.new[self.new_by_sha[sha]]
        base = inc.doc_id or valid_name(inc.name) or valid_name(Path(inc.where.rsplit(":", 1)[0]).stem) or "doc"
        doc_id, k = base, 1
        while doc_id in self.ids or doc_id in self.new:
            k += 1
            doc_id = f"{base[:120]}-{k}"
        doc = Document(doc_id, inc.text, str(self.corpus.seeds_dir / f"{doc_id}.txt"))
        self.new[doc_id] = doc
        self.new_by_sha[sha] = doc_id
        self._docs[doc_id] = doc
        return doc

    def _one(self, inc: Incoming, found: list[str], what: str, reading: Reading) -> str | None:
        if inc.id_hint in found:
            return inc.id_hint
        if len(found) == 1:
            return found[0]
        if found:
            reading.problem(inc.where, f"its {what} matches several documents ({', '.join(found[:5])}); "
                                       "give the record the margin id of the one it is")
        else:
            name = f"{inc.doc_id!r} " if inc.doc_id else ""
            reading.problem(inc.where, f"no document {name}in {self.corpus.seeds_dir}: its {what} matches none; "
                                       f"add the article first ('margin add {inc.text_path or 'FILE'}')")
        return None

    def split(self, inc: Incoming) -> list[Incoming]:
        """A token block whose tokens are no one document but, sentence after sentence, several
        (Label Studio's CoNLL export of a project: one ``-DOCSTART-`` for all its tasks) as
        one Incoming per document; else ``[inc]``."""
        if inc.tokens is None or len(inc.sentences) < 2:
            return [inc]
        by_chars = self._index()[1]
        if strip_ws("".join(inc.tokens)) in by_chars:
            return [inc]
        bounds = [*inc.sentences, len(inc.tokens)]
        parts, first, acc = [], 0, ""
        for a, b in zip(bounds, bounds[1:]):
            acc += "".join(strip_ws(t) for t in inc.tokens[a:b])
            if acc in by_chars:
                parts.append((first, b))
                first, acc = b, ""
        if acc or len(parts) < 2:
            return [inc]
        out = []
        for a, b in parts:
            part = Incoming(inc.where, None, tokens=inc.tokens[a:b])
            for s in inc.spans:
                (x, y), = s.frags
                if a <= x < b:
                    s.frags = [(x - a, y - a)]  # a span running on into the next document fails there
                    part.spans.append(s)
            out.append(part)
        return out

    def find(self, inc: Incoming, reading: Reading):
        """(document, token offsets or None) for ``inc``, or None with a problem."""
        theirs = sha256_text(inc.text) if inc.text is not None else inc.sha256
        if inc.doc_id is not None and (inc.doc_id in self.ids or theirs is None):
            if inc.doc_id not in self.ids:
                reading.problem(inc.where, f"no document {inc.doc_id!r} in {self.corpus.seeds_dir}; add the "
                                           f"article first ('margin add {inc.text_path or inc.doc_id + '.txt'}')")
                return None
            doc = self.doc(inc.doc_id)
            if theirs is not None and theirs != doc.sha256:
                reading.problem(inc.where, f"the text of {doc.id!r} in {inc.text_path or inc.where} differs from "
                                           f"{doc.path} (sha256 {theirs[:12]}... vs {doc.sha256[:12]}...)")
                return None
            return doc, None
        by_sha, by_chars = self._index()
        if theirs is not None:
            found = by_sha.get(theirs, [])
            if not found and self._tokens_fit(inc):  # a TSV whose text INCEpTION rebuilt with other gaps
                return self.doc(inc.id_hint), None  # type: ignore[arg-type]
            if not found and inc.text is not None:  # a new article: the record carries its text
                doc = self.create(inc, reading)
                return (doc, None) if doc else None
            d = self._one(inc, found, f"text (sha256 {theirs[:12]}...)", reading)
            return (self.doc(d), None) if d else None
        if inc.tokens is not None:
            first = " ".join(inc.tokens[:8])[:80]
            d = self._one(inc, by_chars.get("".join(strip_ws(t) for t in inc.tokens), []),
                          f"token sequence ({first!r}...)", reading)
            if d is None:
                return None
            offsets = align_tokens(inc.tokens, self.doc(d).text)
            if offsets is None:  # a token holding whitespace-free text split differently
                reading.problem(inc.where, f"its tokens do not align with the text of {d!r}")
                return None
            return self.doc(d), offsets
        reading.problem(inc.where, "the record has no document id, text or tokens to match a document by")
        return None


def valid_name(raw) -> str | None:
    """``raw`` (a record's id or name, a file stem) as a margin id: characters outside the
    name grammar become ``-``, leading and trailing ``. _ -`` go, 128 characters at most."""
    if raw is None or isinstance(raw, bool) or not isinstance(raw, (str, int)):
        return None
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", str(raw)).strip("._-")[:128].rstrip("._-")
    return name if NAME_RE.fullmatch(name) else None
