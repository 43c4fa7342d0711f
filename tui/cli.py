"""The ``margin`` command: parses arguments, calls the core, prints. Thin by design.

Each subcommand lives in ``tui/commands/<name>.py`` with ``HELP``, ``add_arguments`` and
``run(args) -> int``; command modules keep heavy imports inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import MarginError, ValidationError

#: subcommand -> module under tui.commands (``import`` is a keyword, hence ``import_``)
COMMANDS = {
    "annotate": "annotate",
    "add": "add",
    "validate": "validate",
    "schema": "schema",
    "stats": "stats",
    "export": "export",
    "import": "import_",
    "agree": "agree",
    "review": "review",
    "suggest": "suggest",
    "serve": "serve",
}


def _available():
    for name, mod in COMMANDS.items():
        try:
            yield name, importlib.import_module(f"tui.commands.{mod}")
        except ModuleNotFoundError as e:
            if e.name != f"tui.commands.{mod}":
                raise


def build_parser() -> argparse.ArgumentParser:
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
    for name, mod in _available():
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP, parents=[common])
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["annotate", *argv]
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except ValidationError as e:
        for p in e.problems:
            print(p, file=sys.stderr)
        return 1
    except MarginError as e:
        print(f"margin: {e}", file=sys.stderr)
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
