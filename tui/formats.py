"""The one list of formats: what ``margin export --format`` writes and ``margin import
--format`` reads. ``margin --help``, the commands' options and their help, the
registries in ``tui.export`` and ``tui.importers`` all read these names (a test holds
docs/export.md and docs/import.md to them). Pure data: cheap to import for ``--help``."""

from __future__ import annotations

#: export formats, in the order help and the docs list them
EXPORT = ("jsonl", "conll", "brat", "spacy", "csv", "parquet", "claims", "labelstudio", "doccano", "prodigy",
          "webanno", "hf")
#: import formats (readers); ``auto`` tells them apart
IMPORT = ("jsonl", "brat", "conll", "doccano", "labelstudio", "prodigy", "spacy", "webanno")
#: how people call the tools behind the import formats, for one-line help
TOOLS = {"jsonl": "margin", "brat": "brat", "conll": "CoNLL", "doccano": "doccano", "labelstudio": "Label Studio",
         "prodigy": "Prodigy", "spacy": "spaCy", "webanno": "INCEpTION/WebAnno TSV"}


def export_list() -> str:
    return ", ".join(EXPORT)


def import_list() -> str:
    names = [TOOLS[f] for f in IMPORT]
    return ", ".join(names[:-1]) + " or " + names[-1]
