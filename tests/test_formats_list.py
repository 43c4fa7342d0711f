"""One list of formats (tui/formats.py): margin --help, each command's --format and help, the
registries and the docs' tables all name the same formats."""

from __future__ import annotations

import re

from tests.conftest import DATA
from tui.cli import build_parser, main
from tui.formats import EXPORT, IMPORT

DOCS = DATA.parent.parent / "docs"


def test_registries_are_the_list():
    from tui.export import FORMATS
    from tui.importers import READERS

    assert tuple(FORMATS) == EXPORT and READERS == IMPORT


def test_margin_help_and_the_commands_name_every_format(capsys):
    try:
        main(["--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert all(f in out for f in EXPORT)  # every export format in the one-line help
    for command, names in (("export", EXPORT), ("import", ("auto", *IMPORT))):
        action = next(a for a in build_parser(command)._subparsers._group_actions[0].choices[command]._actions
                      if "--format" in a.option_strings)
        assert tuple(action.choices) == names


def test_docs_tables_list_every_format():
    export = set(re.findall(r"^\| `(\w+)` \|", (DOCS / "export.md").read_text(encoding="utf-8"), re.M))
    assert export == set(EXPORT)
    imported = set(re.findall(r"^\| `(\w+)` \|", (DOCS / "import.md").read_text(encoding="utf-8"), re.M))
    assert set(IMPORT) <= imported
