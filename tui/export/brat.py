"""brat standoff: ``[<split>/]<annotator>/<doc>.txt`` + ``.ann``, ``annotation.conf`` and
``visual.conf`` at the top (brat looks for them up the directory tree).

``.txt`` is the article's exact UTF-8 bytes (no newline translation: a CRLF counts two).
Offsets are code points into it. ``.ann`` lines (``tui.importers.brat`` reads them back):

- ``T<n>\\tLABEL START END\\tTEXT`` for span ``s<n>``. A line cannot hold a line break, so a
  span crossing one is written as fragments split at the breaks (``START END;START END``,
  texts joined by one space, as brat itself does); a span starting or ending with a break
  gets an empty fragment there so its offsets stay exact.
- ``A<k>\\tATTR T<n> VALUE``: values are percent-encoded where brat cannot take the
  character (``%``, ``|``, ``,``, ``<``, ``>``, whitespace, controls): ``at least`` ->
  ``at%20least``. In ``annotation.conf`` every ``<...>`` must be one of brat's reserved
  macros (else brat drops the whole file for its default), hence ``<`` and ``>``.
- Type names (labels, attribute and relation names) must be brat storage forms
  (``[A-Za-z0-9_-]+``): brat rewrites any other name, so the .ann files would no longer
  match the configuration. Such a name is refused with one line, before anything is written.
- ``R<n>\\tattributed_to Arg1:T<claim> Arg2:T<actor>`` for relation ``r<n>``.
- ``#<k>\\tAnnotatorNotes T<n>\\tNOTE`` with ``\\\\``, ``\\n``, ``\\r``, ``\\t`` escapes.
"""

from __future__ import annotations

import re

from tui.display import one_line
from tui.errors import DataError
from tui.model import IdAllocator
from tui.offsets import CODEPOINTS, writer
from tui.store.yamlio import number

# Characters str.splitlines() breaks at: brat reads .ann files line by line with them.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[{LINE_BREAKS}]+")
_NEEDS_PERCENT = re.compile(r"[%|,<>\s\x00-\x1f\x7f-\x9f\u2028\u2029]")
STORAGE_FORM = re.compile(r"[A-Za-z0-9_-]+\Z")
_NOTE_ESC = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NOTE_RE = re.compile(f"[\\\\\\n\\r\\t{LINE_BREAKS}]")
_NUM_ID = re.compile(r"[A-Za-z]+(\d+)\Z")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at line breaks; empty fragments mark a break at either end."""
    out, pos = [], start
    for m in _BREAK_RUN.finditer(text, start, end):
        if m.start() > pos or pos == start:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end or pos == end and (not out or out[-1][1] < end):
        out.append((pos, end))
    return out


def encode_value(v) -> str:
    s = number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
    return _NEEDS_PERCENT.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), s)


def escape_note(note: str) -> str:
    return _NOTE_RE.sub(lambda m: _NOTE_ESC.get(m.group(), f"\\u{ord(m.group()):04x}"), note)


def brat_ids(ids: list[str], prefix: str) -> dict[str, str]:
    """margin ids -> brat ids with the same number where possible (s3 -> T3, r1 -> R1)."""
    out, used = {}, set()
    for i in ids:
        m = _NUM_ID.match(i)
        if m and f"{prefix}{int(m.group(1))}" not in used:
            out[i] = f"{prefix}{int(m.group(1))}"
            used.add(out[i])
    fresh = IdAllocator(used, fill_gaps=True)
    for i in ids:
        if i not in out:
            out[i] = fresh.new(prefix)
    return out


def ann_text(doc_text: str, ann, where: str = "", warn=lambda kind, detail: None, unit: str = CODEPOINTS) -> str:
    """The .ann file of one annotation."""
    at = writer(doc_text, unit)
    tid = brat_ids([s.id for s in ann.spans], "T")
    rid = brat_ids([r.id for r in ann.relations], "R")
    lines, attrs, notes = [], [], []
    for s in ann.spans:
        frags = fragments(doc_text, s.start, s.end)
        pos = ";".join(f"{at(a)} {at(b)}" for a, b in frags)
        lines.append(f"{tid[s.id]}\t{s.label} {pos}\t{' '.join(doc_text[a:b] for a, b in frags)}")
        for name in s.attrs:  # in the file's order, so a round trip keeps it
            if s.attrs[name] == "":
                warn("attribute(s) with an empty value, left out (brat cannot hold one)", f"{where} {s.id} {name}")
                continue
            attrs.append(f"\t{encode_value(name)} {tid[s.id]} {encode_value(s.attrs[name])}")
        if s.note is not None:
            notes.append(f"\tAnnotatorNotes {tid[s.id]}\t{escape_note(s.note)}")
    for r in ann.relations:
        lines.append(f"{rid[r.id]}\t{r.label} Arg1:{tid[r.source]} Arg2:{tid[r.target]}")
    lines += [f"A{k}{a}" for k, a in enumerate(attrs, 1)]
    lines += [f"#{k}{n}" for k, n in enumerate(notes, 1)]
    return "".join(line + "\n" for line in lines)


def annotation_conf(schema, labels, parts) -> str:
    """Entities, relations (overlaps allowed) and attributes with every value in use."""
    values: dict[str, dict[str, None]] = {}
    args: dict[str, dict[str, None]] = {}
    for lab in labels:
        for a in schema.labels[lab].attrs.values():
            args.setdefault(encode_value(a.name), {})[lab] = None
            vals = values.setdefault(encode_value(a.name), {})
            for v in a.values:
                vals[encode_value(v)] = None
    seen: dict[str, set] = {}
    for p in parts:
        for r in p.records:
            for s in r.annotation.spans:
                for k, v in s.attrs.items():
                    if v != "":
                        seen.setdefault(encode_value(k), set()).add(encode_value(v))
    out = ["[entities]", "", *labels, "", "[relations]", ""]
    for rel in schema.relations.values():
        frm = [x for x in rel.from_labels if x in labels]
        to = [x for x in rel.to_labels if x in labels]
        if frm and to:
            out.append(f"{rel.name}\tArg1:{'|'.join(frm)}, Arg2:{'|'.join(to)}")
    out += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]", ""]
    for name, labs in args.items():
        in_use = list(values[name]) + sorted(seen.get(name, set()) - set(values[name]))
        if in_use:
            out.append(f"{name}\tArg:{'|'.join(labs)}, Value:{'|'.join(in_use)}")
    return "\n".join(out) + "\n"


def visual_conf(schema, labels) -> str:
    out = ["[labels]", "", *(f"{lab} | {lab.title()}" for lab in labels), "", "[drawing]", "",
           "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
           "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5", "ATTRIBUTE_DEFAULT\tglyph:*"]
    for lab in labels:
        color = schema.labels[lab].color
        if re.fullmatch(r"[a-z]+|#[0-9a-fA-F]{6}", color or ""):
            out.append(f"{lab}\tbgColor:{color}")
    return "\n".join(out) + "\n"


def check_names(schema, labels) -> None:
    """Refuse names brat would rewrite (its ``normalize_to_storage_form``)."""
    names = [("label", lab) for lab in labels]
    names += [("attribute", a) for lab in labels for a in schema.labels[lab].attrs]
    names += [("relation", r.name) for r in schema.relations.values()
              if set(r.from_labels) & set(labels) and set(r.to_labels) & set(labels)]
    for what, name in names:
        if not STORAGE_FORM.match(name):
            raise DataError(f"--format brat: {what} name {one_line(repr(name), 60)} is not a brat type name "
                            "(letters A-Z a-z, digits, _ and - only); rename it in margin.yaml or use --labels")


def write(parts, ctx) -> None:
    from tui.export import offset_unit

    check_names(ctx.schema, ctx.labels)
    unit = offset_unit("brat", ctx.options)
    for p in parts:
        for r in p.records:
            base = f"{p.prefix}{r.annotator}/{r.doc.id}"
            source = f"document {r.doc.id!r}, annotator {r.annotator!r}"
            ctx.write(base + ".txt", r.doc.text.encode("utf-8"), source)
            ann = ann_text(r.doc.text, r.annotation, f"{r.doc.id}/{r.annotator}", ctx.warn, unit)
            ctx.write(base + ".ann", ann.encode("utf-8"), source)
    ctx.write("annotation.conf", annotation_conf(ctx.schema, ctx.labels, parts).encode("utf-8"))
    ctx.write("visual.conf", visual_conf(ctx.schema, ctx.labels).encode("utf-8"))
