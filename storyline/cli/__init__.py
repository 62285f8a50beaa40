"""The ``storyline`` command: one module per verb, each a thin wrapper over a library function.

Exit codes: 0 done; 2 bad usage, setting or input; 3 partial (some inputs were rejected and
recorded, the rest was processed); 4 database; 5 NLP model; 6 not found; 1 internal error;
130 interrupted (run it again to resume).
"""

from __future__ import annotations

import click

from storyline import __version__
from storyline.cli import (
    analyse,
    articles,
    brief,
    corpus,
    evaluate,
    export,
    rejects,
    run,
    serve,
    settings,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """storyline: news articles in, a sourced, structured record out.

    \b
    Quick start:
      storyline run examples/corpus          ingest, clean, dedupe and analyse into storyline.db
      storyline articles                     list what is stored
      storyline show ID                      one article as JSON
      storyline analyse FILE --format jsonl  per-article records, no database
    """


for module in (run, analyse, articles, corpus, brief, export, rejects, settings, evaluate, serve):
    for command in module.COMMANDS:
        main.add_command(command)
