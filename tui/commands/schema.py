from __future__ import annotations

import sys

from tui.commands import corpus_of

HELP = "print the annotation schema in force (margin.yaml, or the default)"


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of YAML")


def run(args) -> int:
    schema = corpus_of(args).schema
    data = schema.to_dict()
    if args.json:
        import json

        json.dump(data, sys.stdout, indent=2)
        print()
    else:
        import yaml

        from tui.store.yamlio import SafeDumper

        sys.stdout.write(yaml.dump(data, Dumper=SafeDumper, sort_keys=False, allow_unicode=True))
    return 0
