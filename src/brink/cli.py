"""The `brink` command: parse arguments, call the library, render. No analysis happens here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from brink import pipeline, render
from brink.errors import UserError
from brink.records import DocumentError, article_json_schema, to_json
from brink.sources import read_inputs
from brink.sources.jsonl import FieldNames
from brink.text import decode
from brink.time import normalise_published

app = typer.Typer(help="brink: who said what, who did what to whom, with evidence.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
eval_app = typer.Typer(help="Score brink against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes to use (default: all cores).")]


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False) -> None:
    """brink reads news: quotes with speakers, coded events with factuality, resolved actors."""


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[Optional[str], typer.Option(help="Headline.")] = None,
    url: Annotated[Optional[str], typer.Option(help="Where the article was published.")] = None,
    encoding: Annotated[str, typer.Option(help="Input encoding, or 'auto' to detect one.")] = "utf-8",
    as_json: Annotated[bool, typer.Option("--json", help="Print the Article record as JSON.")] = False,
) -> None:
    """Analyse one article and show its actors, quotes and events."""
    body = decode(_read_bytes(path), path, encoding)
    article = pipeline.analyze(body, normalise_published(published, "--published"), title=title, url=url,
                               id=Path(path).stem if path != "-" else None)
    if as_json:
        sys.stdout.buffer.write(to_json(article) + b"\n")
    else:
        render.article(article)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Text files, folders, JSON Lines files, or -.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Article records, one JSON per line (- for stdout).")] = "-",
    workers: Workers = os.cpu_count() or 1,
    id_field: Annotated[str, typer.Option(help="JSON Lines field holding the id.")] = "id",
    text_field: Annotated[str, typer.Option(help="JSON Lines field holding the text.")] = "text",
    published_field: Annotated[str, typer.Option(help="JSON Lines field holding the date.")] = "published",
    encoding: Annotated[str, typer.Option(help="Encoding of text files, or 'auto'.")] = "utf-8",
) -> None:
    """Analyse many documents into Article records (JSON Lines), with no database.

    Bad documents are reported on stderr with their file and line and skipped; the exit status
    is then 1."""
    fields = FieldNames(id=id_field, text=text_field, published=published_field)
    items = read_inputs(inputs, fields, encoding)
    counts = {"written": 0, "skipped": 0}
    with _open_output(output) as sink:
        for result in render.progress(pipeline.analyze_many(items, workers=workers), "extracting"):
            if isinstance(result, DocumentError):
                counts["skipped"] += 1
                render.warn(result.message)
            else:
                sink.write(to_json(result) + b"\n")
                counts["written"] += 1
    render.summary(f"{counts['written']} articles written, {counts['skipped']} skipped")
    if counts["skipped"]:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Article record (the output contract)."""
    sys.stdout.write(json.dumps(article_json_schema(), indent=2, ensure_ascii=False) + "\n")


@eval_app.command("quotes")
def eval_quotes(
    gold: Annotated[str, typer.Argument(help="Gold attributions: citron JSON Lines, or a folder of brat .txt/.ann.")],
    predictions: Annotated[Optional[str], typer.Option(help="Article records to score (default: run brink on the gold texts).")] = None,
    workers: Workers = os.cpu_count() or 1,
) -> None:
    """Attribution precision, recall, F1 and source accuracy (the metrics of score_quotes.py)."""
    from brink.evaluate import quotes as quote_eval

    render.metrics(quote_eval.evaluate(gold, predictions, workers))


@eval_app.command("events")
def eval_events(
    gold: Annotated[str, typer.Argument(help="PLOVER gold records (JSON Lines).")],
    predictions: Annotated[Optional[str], typer.Option(help="Article records to score (default: run brink on the gold texts).")] = None,
    workers: Workers = os.cpu_count() or 1,
) -> None:
    """Event type, strict and actor-code accuracy (the metrics of score_events.py)."""
    from brink.evaluate import events as event_eval

    render.metrics(event_eval.evaluate(gold, predictions, workers))


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    target = Path(path)
    if not target.exists():
        raise UserError(f"{path}: no such file")
    if target.is_dir():
        raise UserError(f"{path}: is a directory; analyze takes one file (brink extract reads folders)")
    try:
        return target.read_bytes()
    except OSError as error:
        raise UserError(f"{path}: cannot read ({error.strerror})") from None


class _open_output:
    """stdout or a file, as a binary sink; a file is written whole or not at all."""

    def __init__(self, output: str):
        self.output = output

    def __enter__(self):
        if self.output == "-":
            self.handle = sys.stdout.buffer
        else:
            target = Path(self.output)
            if target.is_dir():
                raise UserError(f"{self.output}: is a directory; -o takes a file name")
            self.partial = target.with_name(target.name + ".partial")
            self.handle = open(self.partial, "wb")
        return self.handle

    def __exit__(self, kind, value, trace):
        if self.output == "-":
            self.handle.flush()
            return
        self.handle.close()
        if kind is None or issubclass(kind, (typer.Exit, click.exceptions.Exit)):
            self.partial.replace(self.output)
        else:
            self.partial.unlink(missing_ok=True)


def main() -> None:
    """Entry point: user errors exit 2 with one line, internal errors exit 1 with a hint."""
    debug = "--debug" in sys.argv
    command = typer.main.get_command(app)
    try:
        code = command.main(standalone_mode=False)
    except UserError as error:
        render.error(str(error))
        sys.exit(2)
    except click.exceptions.ClickException as error:
        error.show()
        sys.exit(2)
    except click.exceptions.Abort:
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - the last line of defence for people, not programs
        if debug:
            raise
        render.error(f"internal error: {error!r} (run again with --debug for the traceback)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
