from __future__ import annotations

import sys

from tui.commands import check_opening, corpus_of, say

HELP = "serve the annotator to web browsers (needs the serve extra)"
EXTRA = "margin serve needs the serve extra: pip install 'margin[serve]'"


def port_number(raw: str) -> int:
    import argparse

    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {raw!r}: use a number from 1 to 65535")
    return int(raw)


def add_arguments(p) -> None:
    p.add_argument("doc", nargs="?", metavar="DOC", help="document every session opens first (default: the first not done)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; "
                        "any other lets everyone who can reach it edit the corpus)")
    p.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--annotator", metavar="NAME",
                   help="annotator name for the sessions (default: each browser session asks for one)")
    p.add_argument("--dashboard", action="store_true",
                   help="serve the team dashboard (margin dashboard) instead of the annotator")
    p.add_argument("--public-url", metavar="URL",
                   help="address browsers use to reach the server, e.g. behind a proxy (default: http://HOST:PORT)")


def run(args) -> int:
    import importlib.util

    from tui.annotators import check_writer
    from tui.errors import MarginError

    if sys.platform == "win32":
        raise MarginError("margin serve runs on Linux and macOS only (it locks annotator names with flock)")
    if importlib.util.find_spec("textual_serve") is None:
        print(EXTRA, file=sys.stderr)
        return 1
    corpus = corpus_of(args)
    if args.annotator is not None:
        check_writer(args.annotator)
    check_opening(corpus, args.doc)
    from tui.app.serve import is_loopback, serve

    if not is_loopback(args.host):
        say(f"margin serve: warning: listening on {args.host}: anyone who can reach it "
            "and has the address printed below can read and edit this corpus", err=True)
    serve(corpus, args.host, args.port, args.annotator, args.doc, args.public_url, dashboard=args.dashboard)
    return 0
