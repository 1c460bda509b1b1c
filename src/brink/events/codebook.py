"""The CAMEO codebook (data/events/cameo_codebook.tsv): name, Goldstein value, quad class and
PLOVER category of every CAMEO event code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from brink.errors import UserError
from brink.tsv import data_rows

CODEBOOK = files("brink") / "data" / "events" / "cameo_codebook.tsv"
INTENTS = files("brink") / "data" / "events" / "intents.tsv"
COLUMNS = ("code", "name", "goldstein", "quad_class", "plover", "gold_plover")
PLOVER_CATEGORIES = frozenset(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"))
GOLD_CATEGORIES = frozenset(("AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND",
                             "DISAPPROVE", "FIGHT", "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT",
                             "SANCTION", "SUPPORT", "THREATEN"))


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None  # current PLOVER category; None for public statements (01)
    gold_plover: str | None  # the PLOVER 0.5b1 name used by the gold records

    @property
    def root(self) -> str:
        return self.code[:2]


def parse_codebook(text: str, origin: str) -> dict[str, CameoCode]:
    """Rows of a codebook file; UserError naming the line for anything malformed."""
    codes: dict[str, CameoCode] = {}
    for number, fields in data_rows(text.splitlines(), origin, len(COLUMNS), header=COLUMNS):
        where = f"{origin}:{number}"
        code, name, goldstein, quad, plover, gold = fields
        if not (code.isdigit() and 2 <= len(code) <= 4) or code in codes:
            raise UserError(f"{where}: bad or repeated CAMEO code {code!r}")
        if plover != "-" and plover not in PLOVER_CATEGORIES or gold != "-" and gold not in GOLD_CATEGORIES:
            raise UserError(f"{where}: unknown PLOVER category {plover!r} / {gold!r}")
        try:
            value, quad_class = float(goldstein), int(quad)
        except ValueError:
            raise UserError(f"{where}: Goldstein value and quad class must be numbers") from None
        if not -10 <= value <= 10 or quad_class not in (1, 2, 3, 4):
            raise UserError(f"{where}: Goldstein value out of -10..10 or quad class not 1-4")
        codes[code] = CameoCode(code, name, value, quad_class, None if plover == "-" else plover,
                                None if gold == "-" else gold)
    if not codes:
        raise UserError(f"{origin}: no codes")
    return codes


@lru_cache(maxsize=1)
def codebook() -> dict[str, CameoCode]:
    return parse_codebook(CODEBOOK.read_text(encoding="utf-8"), str(CODEBOOK))


def lookup(code: str) -> CameoCode | None:
    return codebook().get(code)


def parse_intents(text: str, origin: str) -> dict[str, str]:
    """Act code (or prefix) -> the intent or threat code it is announced as; both in the codebook."""
    known = codebook()
    intents: dict[str, str] = {}
    for number, (act, intent) in data_rows(text.splitlines(), origin, 2, header=("act", "intent")):
        if act not in known or intent not in known or act in intents:
            raise UserError(f"{origin}:{number}: {act!r} -> {intent!r}: both must be codebook codes, the act once")
        intents[act] = intent
    return intents


@lru_cache(maxsize=1)
def _intents() -> dict[str, str]:
    return parse_intents(INTENTS.read_text(encoding="utf-8"), str(INTENTS))


def intent_of(code: str) -> str | None:
    return _intents().get(code)
