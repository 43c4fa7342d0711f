"""The ``margin`` command: parses arguments, calls the core, prints. Thin by design.

Each subcommand lives in ``tui/commands/<name>.py`` with ``HELP``, ``add_arguments`` and
``run(args) -> int``; command modules keep heavy imports inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .display import safe_line
from .errors import MarginError, ValidationError

#: subcommand -> (module under tui.commands, one-line help). Only the chosen command's
#: module is imported (``import`` is a keyword, hence ``import_``).
COMMANDS = {
    "annotate": ("annotate", "open the annotator on a document (the default command)"),
    "add": ("add", "copy article files (UTF-8 .txt) into the corpus's seeds/"),
    "validate": ("validate", "check annotation files; exit 1 on problems"),
    "schema": ("schema", "print the annotation schema in force"),
    "guidelines": ("guidelines", "print the labels' guidelines (description, examples) as Markdown"),
    "stats": ("stats", "span counts by label and status, per document and annotator"),
    "export": ("export", "write a labelled dataset (jsonl, conll, brat, spacy, csv, parquet, claims)"),
    "import": ("import_", "read brat, jsonl or conll annotations into an annotator's files"),
    "agree": ("agree", "inter-annotator agreement: span F1, Cohen's kappa, Krippendorff's alpha"),
    "review": ("review", "compare annotators and adjudicate a gold version"),
    "suggest": ("suggest", "rule-based suggestions of actors, figures and claims"),
    "learn": ("learn", "learn the corpus's conventions and train a model for suggestions"),
    "assign": ("assign", "distribute documents over annotators, with an overlap to measure agreement"),
    "dashboard": ("dashboard", "the team's progress, pace and agreement, with charts (--json for scripts)"),
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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only ``command``'s module is imported to add its options."""
    parser = argparse.ArgumentParser(
        prog="margin",
        description="Read and annotate news articles: actors, figures and claims.",
        epilog="Run 'margin COMMAND --help' for a command's options. With no command, margin annotates.",
    )
    parser.add_argument("--version", action="version", version=f"margin {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", metavar="DIR", default=".",
                        help="corpus directory holding seeds/ and annotations/ (default: .)")
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
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["annotate", *argv]
    parser = build_parser(argv[0] if argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except ValidationError as e:
        for p in e.problems:
            print(safe_line(p), file=sys.stderr)
        return 1
    except MarginError as e:
        print(safe_line(f"margin: {e}"), file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("margin: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:  # console-script entry point
    sys.exit(main())


if __name__ == "__main__":
    run()
