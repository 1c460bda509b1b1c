"""The escalation ladder (data/watch/ladder.tsv): PLOVER conflict types by rung, lowest first."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from brink.errors import UserError
from brink.events.codebook import PLOVER_CATEGORIES
from brink.tsv import data_rows

LADDER = files("brink") / "data" / "watch" / "ladder.tsv"


@lru_cache(maxsize=1)
def ladder() -> tuple[dict[str, int], dict[int, str]]:
    """(PLOVER type -> rung, rung -> name); rungs run 1, 2, ... with no hole."""
    rungs: dict[str, int] = {}
    names: dict[int, str] = {}
    for number, (rung, name, plover) in data_rows(LADDER.read_text(encoding="utf-8").splitlines(), str(LADDER), 3,
                                                  header=("rung", "name", "plover")):
        where = f"{LADDER}:{number}"
        if not rung.isdigit() or int(rung) < 1 or names.get(int(rung), name) != name:
            raise UserError(f"{where}: rung must be a number from 1, with one name")
        if plover not in PLOVER_CATEGORIES or plover in rungs:
            raise UserError(f"{where}: unknown or repeated PLOVER type {plover!r}")
        rungs[plover] = int(rung)
        names[int(rung)] = name
    if sorted(names) != list(range(1, len(names) + 1)):
        raise UserError(f"{LADDER}: rungs must run 1, 2, ... without a hole")
    return rungs, names


def rung_sql(column: str) -> str:
    """A SQL expression: the rung of the PLOVER type in `column`, 0 for types on no rung."""
    cases = " ".join(f"WHEN '{plover}' THEN {rung}" for plover, rung in ladder()[0].items())
    return f"(CASE {column} {cases} ELSE 0 END)"


def top() -> int:
    return len(ladder()[1])


def name(rung: int) -> str:
    return ladder()[1].get(rung, "none")
