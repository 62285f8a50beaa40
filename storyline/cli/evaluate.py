"""``storyline eval``: quality figures against the public corpora (team data, optional)."""

from __future__ import annotations

from pathlib import Path

import click

from storyline.cli._common import handle_errors

DEFAULT_DATA = Path("../shared/data")


@click.group("eval")
def eval_group() -> None:
    """Measure quality against the evaluation corpora (../shared/data by default)."""


@eval_group.command("nlp")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DATA,
              show_default=True, help="Folder with the evaluation corpora.")
@click.option("--model", default=None, help="spaCy pipeline to evaluate (default: the shipped one).")
@handle_errors
def eval_nlp(data: Path, model: str | None) -> None:
    """NER, parsing, tagging and speed of the NLP pipeline."""
    if not data.is_dir():
        click.echo(f"evaluation data not found at {data}; nothing to measure "
                   "(pass --data DIR with the corpora)", err=True)
        return
    from storyline.nlp import evaluate

    argv = ["--data", str(data)] + (["--model", model] if model else [])
    code = evaluate.main(argv)
    if code:
        raise SystemExit(code)


@eval_group.command("dates")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DATA,
              show_default=True, help="Folder with the evaluation corpora.")
@handle_errors
def eval_dates(data: Path) -> None:
    """Temporal expressions: MEANTIME value accuracy and detection, against dateparser."""
    if not data.is_dir():
        click.echo(f"evaluation data not found at {data}; nothing to measure", err=True)
        return
    from storyline.extract import dates_eval

    dates_eval.main(data)


@eval_group.command("stories")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DATA,
              show_default=True, help="Folder with the evaluation corpora.")
@handle_errors
def eval_stories(data: Path) -> None:
    """Story and storyline clustering: ECB+ B³ against a one-pass TF-IDF baseline, Timeline17
    storylines, the sample corpus and the seeds."""
    if not data.is_dir():
        click.echo(f"evaluation data not found at {data}; measuring the bundled sample only",
                   err=True)
    from storyline.stories import evaluate

    evaluate.main(data)


def _argv_evaluator(name: str, module: str, summary: str, data_arg: str = "--data") -> None:
    """Register ``storyline eval NAME``: runs ``module.main([data_arg, DIR, *extra])``
    (``data_arg`` ``"--shared"`` passes the folder holding data/ and seeds/; ``""`` passes the
    data folder as a positional argument). Options after NAME go to the evaluator."""

    @eval_group.command(name, help=summary, context_settings={"ignore_unknown_options": True})
    @click.option("--data", type=click.Path(file_okay=False, path_type=Path),
                  default=DEFAULT_DATA, show_default=True, help="Folder with the corpora.")
    @click.argument("extra", nargs=-1, type=click.UNPROCESSED)
    @handle_errors
    def command(data: Path, extra: tuple[str, ...]) -> None:
        if not data.is_dir():
            click.echo(f"evaluation data not found at {data}; nothing to measure", err=True)
            return
        import importlib

        if data_arg == "--shared":
            head = ["--shared", str(data.parent)]
        else:
            head = [data_arg, str(data)] if data_arg else [str(data)]
        code = importlib.import_module(module).main([*head, *extra])
        if code:
            raise SystemExit(code)


_argv_evaluator("entities", "storyline.resolve.evaluate",
                "Entity resolution: GUM in-document person clustering (B³), the seeds' "
                "identities, cost against the parse.", "--shared")
_argv_evaluator("quotes", "storyline.extract.quotes_eval",
                "Quote attribution on PolNeAR (content overlap/exact, source span) against "
                "textacy's direct_quotations; pass --split test for the held-out split.")
_argv_evaluator("events", "storyline.extract.events_eval",
                "PLOVER events: plover-gsr type/source/target accuracy, ConfliBERT CAMEO "
                "macro-F1, false events on non-event sentences.", "")
_argv_evaluator("conflicts", "storyline.corroborate.planted",
                "Planted conflicts (name, number, date, place, negation) in real multi-outlet "
                "stories: precision and recall per kind.")
_argv_evaluator("brief", "storyline.report.brief_eval",
                "Briefing summary points on GUM news documents: ROUGE-1/2/L against a LexRank "
                "baseline (sumy).")

COMMANDS = [eval_group]
