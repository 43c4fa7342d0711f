from __future__ import annotations

import sys

from tui.commands import corpus_of

HELP = ("the team's progress, pace, agreement per label and pair with its trend, label counts and "
        "the documents with most disagreement (a screen; --json for scripts)")


def add_arguments(p) -> None:
    p.add_argument("--docs", metavar="GLOB", help="only documents whose id matches GLOB")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object (its agreement and stats equal margin agree/stats --json)")
    p.add_argument("--no-cache", action="store_true", help="recompute every document (ignore the cache)")


def run(args) -> int:
    from tui.team.progress import team

    corpus = corpus_of(args)
    corpus.schema  # fail on a bad margin.yaml first
    if args.json:
        import json

        result = team(corpus, args.docs, cache=not args.no_cache)
        json.dump(result.to_json(), sys.stdout, indent=1)
        print()
        for problem in result.problems:  # also in the JSON; here for people and CI logs
            print(problem, file=sys.stderr)
        return 1 if result.problems else 0
    from tui.app.dashboard_app import run_dashboard

    return run_dashboard(corpus, args.docs, cache=not args.no_cache)
