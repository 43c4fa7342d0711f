"""An optional spaCy pipeline named in margin.yaml: its name read and checked, the pipeline
loaded once per process, each text parsed once. Pure core (no Textual); spaCy is imported
only when a corpus names a pipeline.

    suggest:
      spacy: en_core_web_sm

margin.yaml comes with a cloned corpus, so only the name of an INSTALLED package is
accepted, never a path (a clone must not make margin load files it ships): the package is
imported by name after checking that a distribution of that name is installed and that
its code lies outside the corpus and the current directory; nothing is ever downloaded
(spacy.cli is never called). ``parse`` returns the entities a suggester may use as actor
candidates (``tui.suggest.entities``), as plain tuples (the Doc is not kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tui.errors import DataError

KEY = "spacy"
#: a package name as pip installs it and Python imports it: no path, no dot, no dash
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}\Z")
#: spaCy's entity labels that may name a who (the team's golds decide which it tags)
WHO = ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC")
_PARSES = 256  # texts whose parse is kept per process

_PIPELINES: dict[str, object] = {}  # name -> loaded pipeline, per process
_PARSED: dict[tuple[str, str], tuple] = {}  # (name, text) -> (entities, token table)


class PipelineMissing(Exception):
    """The named pipeline cannot be used here (spaCy or the package not installed)."""


@dataclass(frozen=True)
class Ent:
    """One entity of a parse: ``text[start:end]`` with spaCy's ``label``; ``context``: how
    the phrase stands in its sentence (``entities.context_of``); ``phrase``: (start, end)
    of the noun phrase it modifies (``Austrian court``), None when it is the head itself;
    ``title``: start of a capitalised title right before it (``President``)."""

    start: int
    end: int
    label: str
    context: str
    phrase: tuple[int, int] | None = None
    title: int | None = None


def named(settings: dict, path: str = "margin.yaml") -> str | None:
    """The pipeline margin.yaml names (``suggest: {spacy: NAME}``), or None. DataError
    (``margin.yaml:LINE: ...``) for anything but a package name."""
    section = settings.get("suggest") if isinstance(settings, dict) else None
    if not isinstance(section, dict) or section.get(KEY) is None:
        return None
    name = section[KEY]
    where = f"{path}:{key_line(path)}"
    if not isinstance(name, str) or not name.strip():
        raise DataError(f"{where}: suggest.spacy must name an installed spaCy pipeline package (e.g. en_core_web_sm)")
    if "/" in name or "\\" in name or name.startswith(("~", ".")):
        raise DataError(f"{where}: suggest.spacy: {name!r} is a path; name an installed pipeline package "
                        "(a corpus may not make margin load files it ships)")
    if not NAME_RE.match(name):
        raise DataError(f"{where}: suggest.spacy: {name!r} is no package name (letters, digits and _, e.g. en_core_web_sm)")
    return name


def key_line(path: str) -> int:
    """The line of margin.yaml holding the ``spacy:`` key (1 when it cannot be found)."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if re.match(r"\s*[{,]?\s*spacy\s*:", line)
                 or re.search(r"[{,]\s*spacy\s*:", line)), 1)


def load(name: str, root: str | Path | None = None):
    """The pipeline ``name`` (loaded once per process). PipelineMissing with the reason when
    spaCy or the package is not installed, or the package lies in the corpus or the current
    directory."""
    if name in _PIPELINES:
        return _PIPELINES[name]
    import importlib.metadata
    import importlib.util

    if importlib.util.find_spec("spacy") is None:
        raise PipelineMissing("spaCy is not installed (pip install spacy)")
    try:
        importlib.metadata.distribution(name)
        spec = importlib.util.find_spec(name)
    except (importlib.metadata.PackageNotFoundError, ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        raise PipelineMissing(f"the spaCy pipeline {name!r} is not installed (install its package; margin never downloads one)")
    origin = Path(spec.origin).resolve()
    for inside in (root, Path.cwd()):
        if inside is not None and origin.is_relative_to(Path(inside).resolve()):
            raise PipelineMissing(f"the spaCy pipeline {name!r} lies in {inside}: only an installed package is loaded")
    from spacy.util import load_model_from_package

    try:
        nlp = load_model_from_package(name, exclude=["lemmatizer"])
    except Exception as e:  # noqa: BLE001 - a broken package is one line, never a traceback
        raise PipelineMissing(f"the spaCy pipeline {name!r} failed to load: {type(e).__name__}: {e}") from None
    _PIPELINES[name] = nlp
    return nlp


def parse(name: str, text: str, root: str | Path | None = None) -> tuple[Ent, ...]:
    """The who-entities of ``text`` under pipeline ``name`` (parsed once per process)."""
    return _parsed(name, text, root)[0]


def tokens(name: str, text: str, root: str | Path | None = None) -> tuple[tuple[int, int, int, str], ...]:
    """``text``'s tokens under pipeline ``name`` as ``(start, end, head index, context)``
    (``entities.token_table``; parsed once per process, with the entities)."""
    return _parsed(name, text, root)[1]


def _parsed(name: str, text: str, root: str | Path | None) -> tuple:
    key = (name, text)
    hit = _PARSED.get(key)
    if hit is None:
        from tui.suggest.entities import entities_of, token_table

        doc = load(name, root)(text)
        hit = (entities_of(doc), token_table(doc))
        if len(_PARSED) >= _PARSES:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = hit
    return hit


def use(name: str, pipeline) -> None:
    """Use ``pipeline`` for ``name`` in this process (tests: a pipeline built in memory)."""
    _PIPELINES[name] = pipeline
    for key in [k for k in _PARSED if k[0] == name]:
        del _PARSED[key]


def forget() -> None:
    """Drop every loaded pipeline and parse of this process."""
    _PIPELINES.clear()
    _PARSED.clear()
