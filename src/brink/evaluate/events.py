"""`brink eval events`: score event predictions against PLOVER gold records with exactly the
metrics of the shared reference scorer (../shared/eval/score_events.py).

Gold records: JSON Lines {"id", "text", "event" (PLOVER 0.5b1 name), "source": [{"code"}],
"target": [...]}. Predictions: brink Article records (JSON Lines); without them brink runs on the
gold sentences. An event's actor code is the actor's country, "IGO" for international
organisations, else the first three letters of its CAMEO code (as ../shared/eval/adapt.py does).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from brink.errors import UserError
from brink.evaluate import analyze_texts, read_articles, read_records
from brink.records import Actor, Article

GOLD_TYPES = ("AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE",
              "FIGHT", "INVESTIGATE", "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
# The reference scorer's type tables (derived there from CAMEO2PLOVER-2021.txt and the PLOVER manual).
PLOVER_TO_GOLD = {name: frozenset([name]) for name in GOLD_TYPES} | {
    "REQUEST": frozenset(["DEMAND"]), "ACCUSE": frozenset(["DISAPPROVE", "INVESTIGATE"]),
    "ASSAULT": frozenset(["ASSAULT", "FIGHT"])}
CAMEO_TO_CURRENT = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "080": "CONCEDE", "081": "CONCEDE", "0813": "RETREAT", "0814": "RETREAT", "082": "CONCEDE",
    "083": "CONCEDE", "084": "RETREAT", "085": "RETREAT", "086": "RETREAT", "087": "RETREAT",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "163": "COERCE", "17": "COERCE", "1712": "ASSAULT",
    "175": "ASSAULT", "18": "ASSAULT", "19": "ASSAULT", "191": "COERCE", "192": "COERCE", "20": "ASSAULT"}
SPLIT_BY_ROOT = {"ACCUSE": {"09": "INVESTIGATE", "11": "DISAPPROVE"},
                 "ASSAULT": {"18": "ASSAULT", "19": "FIGHT", "20": "FIGHT"}}
CAMEO_GOLD_OVERRIDES = {"163": frozenset(["SANCTION"]), "1712": frozenset(["COERCE"]),
                        "175": frozenset(["ASSAULT", "FIGHT"]), "201": frozenset(["ASSAULT", "FIGHT"])}
DROPPED_ROOTS = ("01", "02")
ACTOR_CODE_ALIASES = {"UNO": "IGO", "EUR": "IGO"}
IGO_NAMES = ("NATO", "NORTH ATLANTIC", "EUROPEAN UNION", "UNITED NATIONS", "SECURITY COUNCIL", "OSCE",
             "AFRICAN UNION", "ASEAN", "ARAB LEAGUE", "EUROPEAN COMMUNITY", "IAEA", "WORLD BANK",
             "INTERNATIONAL MONETARY FUND", "WHO", "APEC", "OPEC", "G7", "G20")


def evaluate(gold_path: str, predictions_path: str | None = None, workers: int = 1) -> dict:
    """The reference scorer's summary: type, strict, source and target accuracy, coverage,
    events per record and per-type recall."""
    records = [item for _, item in read_records(gold_path)]
    gold = _gold(records, gold_path)
    articles = (read_articles(predictions_path) if predictions_path
                else analyze_texts(((r["id"], r.get("text") or "") for r in records), workers))
    predictions = {article.id: [_prediction(article, event) for event in article.events] for article in articles}
    judgments = {record_id: _judge(record, predictions.get(record_id, [])) for record_id, record in gold.items()}
    return _summarise(gold, judgments)


def _gold(records: list[dict], path: str) -> dict[str, dict]:
    gold = {}
    for record in records:
        if record.get("event") not in GOLD_TYPES:
            raise UserError(f"{path}: record {record['id']}: event {record.get('event')!r} is not a PLOVER 0.5b1 type")
        gold[record["id"]] = {"event": record["event"],
                              "source": {_scored_code(a) for a in record.get("source") or []} - {""},
                              "target": {_scored_code(a) for a in record.get("target") or []} - {""}}
    if not gold:
        raise UserError(f"{path}: no gold records")
    return gold


def _actor_code(actor: Actor | None) -> str:
    """Country code for national actors, 'IGO' for international organisations (adapt.py)."""
    if actor is None:
        return ""
    if actor.country:
        return actor.country
    code, name = (actor.code or "").upper(), actor.name.upper()
    if actor.sector == "IGO" or code.startswith("IGO") or any(w in name or w == code for w in IGO_NAMES):
        return "IGO"
    return (actor.code or "")[:3]


def _prediction(article: Article, event) -> dict:
    actors = {a.id: a for a in article.actors}
    return {"plover": event.plover, "cameo": event.cameo,
            "source": _actor_code(actors.get(event.source)), "target": _actor_code(actors.get(event.target))}


def _longest_prefix(table: dict, code: str):
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def _cameo_to_current(code: str) -> str | None:
    return None if code == "08" else _longest_prefix(CAMEO_TO_CURRENT, code)


def _cameo_to_gold(code: str) -> frozenset | None:
    if code[:2] in DROPPED_ROOTS:
        return frozenset()
    if code == "08":
        return frozenset(["CONCEDE", "RETREAT"])
    override = _longest_prefix(CAMEO_GOLD_OVERRIDES, code)
    if override is not None:
        return override
    current = _cameo_to_current(code)
    if current is None:
        return None
    if current in SPLIT_BY_ROOT:
        return frozenset([SPLIT_BY_ROOT[current][code[:2]]])
    return PLOVER_TO_GOLD[current]


def _event_types(event: dict) -> frozenset:
    plover = (event.get("plover") or "").strip().upper() or None
    from_plover = PLOVER_TO_GOLD.get(plover) if plover else None
    cameo = (event.get("cameo") or "").strip()
    from_cameo = _cameo_to_gold(cameo) if cameo.isdigit() and 2 <= len(cameo) <= 4 else None
    if from_plover is None:
        return from_cameo or frozenset()
    if not from_cameo:
        return from_plover
    if from_plover & from_cameo:
        return from_plover & from_cameo
    if _cameo_to_current(cameo) == plover:
        return from_cameo
    return from_plover


def _scored_code(value) -> str:
    if isinstance(value, dict):
        value = value.get("code")
    if not isinstance(value, str):
        return ""
    code = value.strip().upper()
    if len(code) > 3 and code[:3].isalpha():
        code = code[:3]
    return ACTOR_CODE_ALIASES.get(code, code)


def _judge(gold: dict, events: list[dict]) -> dict:
    types = [_event_types(e) for e in events]
    sources = [_scored_code(e["source"]) for e in events]
    targets = [_scored_code(e["target"]) for e in events]
    source_ok = [not gold["source"] or s in gold["source"] for s in sources]
    target_ok = [not gold["target"] or t in gold["target"] for t in targets]
    type_ok = [gold["event"] in t for t in types]
    return {"type_first": bool(type_ok) and type_ok[0], "type_any": any(type_ok),
            "strict": any(all(ok) for ok in zip(type_ok, source_ok, target_ok)),
            "source_first": (bool(events) and sources[0] in gold["source"]) if gold["source"] else None,
            "target_first": (bool(events) and targets[0] in gold["target"]) if gold["target"] else None,
            "covered": bool(events), "events": len(events)}


def _ratio(values: Iterable) -> tuple[float, int]:
    kept = [v for v in values if v is not None]
    return (sum(kept) / len(kept) if kept else 0.0), len(kept)


def _summarise(gold: dict, judgments: dict) -> dict:
    rows = list(judgments.values())
    summary: dict = {"records": len(rows)}
    for key, name in (("type_first", "type_accuracy"), ("type_any", "type_recall"), ("strict", "strict_accuracy"),
                      ("source_first", "source_accuracy"), ("target_first", "target_accuracy"),
                      ("covered", "coverage")):
        summary[name], summary[f"n_{name}"] = _ratio(r[key] for r in rows)
    summary["events_per_record"] = sum(r["events"] for r in rows) / len(rows)
    by_type = defaultdict(list)
    for record_id, row in judgments.items():
        by_type[gold[record_id]["event"]].append(row)
    summary["per_type_recall"] = {event: _ratio(r["type_any"] for r in rows_)[0]
                                  for event, rows_ in sorted(by_type.items())}
    return summary
