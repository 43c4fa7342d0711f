"""The ``margin`` command: parses arguments, calls the core, prints. Thin by design.

Each subcommand lives in ``tui/commands/<name>.py`` with ``HELP``, ``add_arguments`` and
``run(args) -> int``; command modules keep heavy imports inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import TypeVar

from tui import __version__
from tui.display import safe_line
from tui.formats import export_list, import_list
from tui.errors import MarginError, ValidationError

#: subcommand -> (module under tui.commands, one-line help). Only the chosen command's
#: module is imported (``import`` is a keyword, hence ``import_``).
COMMANDS = {
    "annotate": ("annotate", "open the annotator on a document (the default command)"),
    "add": ("add", "copy article files (UTF-8 .txt) into the corpus's seeds/"),
    "validate": ("validate", "check annotation files; exit 1 on problems"),
    "schema": ("schema", "print the annotation schema in force"),
    "guidelines": ("guidelines", "print the labels' guidelines (description, examples) as Markdown"),
    "stats": ("stats", "span counts by label and status, per document and annotator"),
    "export": ("export", f"write a labelled dataset ({export_list()})"),
    "import": ("import_", f"read {import_list()} annotations"),
    "agree": ("agree", "inter-annotator agreement: span F1, Cohen's kappa, Krippendorff's alpha"),
    "review": ("review", "compare annotators and adjudicate a gold version"),
    "suggest": ("suggest", "rule-based suggestions of actors, figures and claims"),
    "learn": ("learn", "learn the corpus's conventions and train a model for suggestions"),
    "assign": ("assign", "distribute documents over annotators, with an overlap to measure agreement"),
    "dashboard": ("dashboard", "the team's progress, pace and agreement, with charts (--json for scripts)"),
    "sync": ("sync", "share your annotations through git: commit yours, pull (rebase), push"),
    "serve": ("serve", "serve the app in a web browser (needs margin[serve])"),
}


def _module(name: str):
    mod, _ = COMMANDS[name]
    try:
        return importlib.import_module(f"tui.commands.{mod}")
    except ModuleNotFoundError as e:
        if e.name == f"tui.commands.{mod}":
            return None
        raise


P = TypeVar("P", bound=argparse.ArgumentParser)


class Parser(argparse.ArgumentParser):
    """argparse, with its error line made inert: it quotes what the user typed."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, safe_line(f"{self.prog}: error: {message}") + "\n")


def common_options(p: P) -> P:
    """The options every command takes."""
    p.add_argument("--corpus", metavar="DIR", default=".",
                   help="corpus directory holding seeds/ and annotations/ (default: .)")
    return p


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only ``command``'s module is imported to add its options."""
    parser = Parser(
        prog="margin",
        description="Read and annotate news articles: actors, figures and claims.",
        epilog="Run 'margin COMMAND --help' for a command's options. With no command, margin annotates.",
    )
    parser.add_argument("--version", action="version", version=f"margin {__version__}")
    common = common_options(Parser(add_help=False))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_) in COMMANDS.items():
        mod = _module(name) if name == command else None
        if name == command and mod is None:
            continue
        p = sub.add_parser(name, help=help_, description=getattr(mod, "HELP", help_), parents=[common])
        if mod is not None:
            mod.add_arguments(p)
            p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    from tui.commands import say

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        argv = command_first(argv)
        parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
        args = parser.parse_args(argv)
        return int(args._run(args) or 0)
    except ValidationError as e:
        for p in e.problems:
            say(p, err=True)
        return 1
    except MarginError as e:
        say(f"margin: {e}", err=True)
        return e.exit_code
    except KeyboardInterrupt:
        say("margin: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0


def command_first(argv: list[str]) -> list[str]:
    """``argv`` with the command first: ``margin --corpus DIR stats`` is ``margin stats
    --corpus DIR``; a document id or nothing means ``annotate``; a word that is neither a
    command nor a document is refused (UsageError) with the closest command's name."""
    i = 0
    value_options = None
    while i < len(argv) and argv[i].startswith("-") and argv[i] not in ("-", "--"):
        if argv[i] in ("-h", "--help", "--version"):
            return argv  # the top-level parser's help or version
        if value_options is None:
            value_options = _value_options()
        i += 2 if argv[i] in value_options else 1
    if i < len(argv) and argv[i] in COMMANDS:
        return [argv[i], *argv[:i], *argv[i + 1:]]
    if i < len(argv) and argv[i] not in ("-", "--") and not _is_document(argv, argv[i]):
        _unknown_command(argv, argv[i])
    return ["annotate", *argv]


def _value_options() -> set[str]:
    """Options of ``annotate`` (the default command, and --corpus of every command) that take a value."""
    p = common_options(argparse.ArgumentParser(add_help=False))
    _module("annotate").add_arguments(p)
    return {o for a in p._actions if a.nargs != 0 for o in a.option_strings}


def _corpus_option(options: list[str]) -> Path:
    root = "."
    for i, a in enumerate(options):
        if a == "--corpus" and i + 1 < len(options):
            root = options[i + 1]
        elif a.startswith("--corpus="):
            root = a.split("=", 1)[1]
    return Path(root)


def _is_document(options: list[str], word: str) -> bool:
    from tui.corpus import NAME_RE

    return bool(NAME_RE.fullmatch(word)) and (_corpus_option(options) / "seeds" / f"{word}.txt").is_file()


def _unknown_command(options: list[str], word: str) -> None:
    import difflib

    from tui.commands import UsageError

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    hint = (f" (did you mean {close[0]!r}?)" if close else
            f", and no document {word!r} in {_corpus_option(options) / 'seeds'}")
    raise UsageError(f"unknown command {word!r}{hint}; 'margin --help' lists the commands")


def run() -> None:  # console-script entry point
    sys.exit(main())


if __name__ == "__main__":
    run()
