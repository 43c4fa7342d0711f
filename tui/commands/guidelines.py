from __future__ import annotations

import sys

from tui.commands import corpus_of

HELP = "print the schema's guidelines (descriptions, examples in and out) as Markdown for the team's handbook"


def add_arguments(p) -> None:
    p.add_argument("--title", default="Annotation guidelines", help="the document's title")


def run(args) -> int:
    from tui.guidelines import has_guidelines, markdown

    schema = corpus_of(args).schema
    sys.stdout.write(markdown(schema, args.title))
    if not has_guidelines(schema):
        print("margin guidelines: no examples yet: give labels 'description' and 'examples: {in: [...], "
              "out: [...]}' in margin.yaml", file=sys.stderr)
    return 0
