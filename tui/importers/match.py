"""Which corpus document an incoming record is: by margin id (text checked), by its text
(sha256), or for token-only input by character alignment of its tokens, whitespace
ignored. Ambiguity is refused, never guessed."""

from __future__ import annotations

from tui.corpus import Corpus
from tui.model import sha256_text
from tui.importers.base import Incoming, Reading
from tui.importers.place import align_tokens, strip_ws


class Matcher:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.ids = set(corpus.doc_ids())
        self._docs: dict = {}
        self._by_text: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None  # see _index

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
            d = self._one(inc, by_sha.get(theirs, []), f"text (sha256 {theirs[:12]}...)", reading)
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
