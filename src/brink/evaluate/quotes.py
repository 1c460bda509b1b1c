"""`brink eval quotes`: score attributions against gold with exactly the metrics of the shared
reference scorer (../shared/eval/score_quotes.py).

Gold comes as citron JSON Lines ({"id", "text", "quotes": [{"cue", "sources", "contents"}]},
spans {"start", "end"}) or as a folder of brat standoff pairs, PolNeAR's original form: NAME.txt
with NAME.ann holding text-bound `Source`, `Cue` and `Content` annotations (discontinuous ones
as "start end;start end") tied together by `Attribution` events
("E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1"). Predictions are brink Article records;
without them brink runs on the gold texts.

Matching (as the reference scorer): a prediction matches a gold attribution when their contents
share at least half the characters of the shorter; one-to-one, greedy by shared characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from brink.errors import UserError
from brink.evaluate import analyze_texts, read_articles, read_records

MARKS = '"“”'  # quotation marks that make an attribution "direct" for the direct_* metrics


@dataclass(frozen=True)
class Attribution:
    contents: tuple[tuple[int, int], ...]
    sources: tuple[tuple[int, int], ...] = ()
    cue: tuple[int, int] | None = None


@dataclass
class GoldDocument:
    id: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def evaluate(gold_path: str, predictions_path: str | None = None, workers: int = 1) -> dict:
    """The reference scorer's summary for the gold at `gold_path` (JSON Lines or a brat folder)."""
    gold = read_brat(gold_path) if Path(gold_path).is_dir() else read_citron(gold_path)
    articles = (read_articles(predictions_path) if predictions_path
                else analyze_texts(((g.id, g.text) for g in gold), workers))
    predicted = {article.id: [_from_quote(q) for q in article.quotes] for article in articles}
    return score(gold, predicted)


# --- readers ---------------------------------------------------------------------------------

def read_citron(path: str) -> list[GoldDocument]:
    documents = []
    for number, record in read_records(path):
        try:
            attributions = [_citron_attribution(q) for q in record.get("quotes", [])]
        except (KeyError, TypeError) as error:
            raise UserError(f"{path}:{number}: malformed quote ({error!r}); spans need start and end") from None
        documents.append(GoldDocument(record["id"], record.get("text") or "", attributions))
    return documents


def _citron_attribution(quote: dict) -> Attribution:
    cue = quote.get("cue")
    return Attribution(tuple(_pair(s) for s in quote.get("contents") or []),
                       tuple(_pair(s) for s in quote.get("sources") or []),
                       _pair(cue) if cue else None)


def _pair(span: dict) -> tuple[int, int]:
    return int(span["start"]), int(span["end"])


def read_brat(folder: str) -> list[GoldDocument]:
    documents = []
    for ann in sorted(Path(folder).glob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            raise UserError(f"{ann}: no matching {txt.name}")
        documents.append(GoldDocument(ann.stem, txt.read_text(encoding="utf-8"),
                                      _brat_attributions(ann.read_text(encoding="utf-8"), str(ann))))
    if not documents:
        raise UserError(f"{folder}: no .ann files")
    return documents


def _brat_attributions(source: str, origin: str) -> list[Attribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[list[tuple[str, str]]] = []
    for number, line in enumerate(source.splitlines(), 1):
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                kind, _, offsets = fields[1].partition(" ")
                fragments = tuple(tuple(int(x) for x in f.split()) for f in offsets.split(";"))
                spans[fields[0]] = (kind, tuple((s, e) for s, e in fragments))
            elif line.startswith("E"):
                events.append([tuple(arg.split(":", 1)) for arg in fields[1].split()])
        except (IndexError, ValueError):
            raise UserError(f"{origin}:{number}: not a brat text-bound or event line") from None
    return [_brat_attribution(arguments, spans, origin) for arguments in events
            if arguments and arguments[0][0] == "Attribution"]


def _brat_attribution(arguments: list[tuple[str, str]], spans: dict, origin: str) -> Attribution:
    roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": [], "Cue": []}
    for role, target in arguments[1:]:
        if target not in spans:
            raise UserError(f"{origin}: event argument {role}:{target} names no text-bound annotation")
        kind = role.rstrip("0123456789")
        if kind in roles:
            roles[kind].extend(spans[target][1])
    cue = roles["Cue"]
    return Attribution(tuple(roles["Content"]), tuple(roles["Source"]),
                       (min(s for s, _ in cue), max(e for _, e in cue)) if cue else None)


def _from_quote(quote) -> Attribution:
    return Attribution(tuple((c.start, c.end) for c in quote.contents),
                       ((quote.source.start, quote.source.end),) if quote.source else (),
                       (quote.cue.start, quote.cue.end) if quote.cue else None)


# --- the reference scorer's metrics ------------------------------------------------------------

def score(gold: list[GoldDocument], predicted: dict[str, list[Attribution]]) -> dict:
    n = dict.fromkeys(["pred", "matched", "src_n", "src_ok", "cue_n", "cue_ok", "dir_gold", "dir_hit",
                       "dir_src_n", "dir_src_ok", "dir_pred", "dir_pred_hit", "chars_gold", "chars_pred",
                       "chars_both"], 0)
    gold_count = 0
    for document in {g.id: g for g in gold}.values():  # a repeated id counts once, as in the scorer
        golds, preds = document.attributions, predicted.get(document.id, [])
        gold_count += len(golds)
        n["pred"] += len(preds)
        pairs = dict(_match(golds, preds))
        n["matched"] += len(pairs)
        for gi, pi in pairs.items():
            g, p = golds[gi], preds[pi]
            if g.sources:
                n["src_n"] += 1
                n["src_ok"] += bool(_chars(g.sources) & _chars(p.sources))
            if g.cue:
                n["cue_n"] += 1
                n["cue_ok"] += bool(_chars([g.cue]) & _chars([p.cue] if p.cue else []))
        for gi, g in enumerate(golds):
            if _has_marks(document.text, g):
                n["dir_gold"] += 1
                if gi in pairs:
                    n["dir_hit"] += 1
                    if g.sources:
                        n["dir_src_n"] += 1
                        n["dir_src_ok"] += bool(_chars(g.sources) & _chars(preds[pairs[gi]].sources))
        matched_preds = set(pairs.values())
        for pi, p in enumerate(preds):
            if _has_marks(document.text, p):
                n["dir_pred"] += 1
                n["dir_pred_hit"] += pi in matched_preds
        gold_chars = _chars([s for g in golds for s in g.contents])
        pred_chars = _chars([s for p in preds for s in p.contents])
        n["chars_gold"] += len(gold_chars)
        n["chars_pred"] += len(pred_chars)
        n["chars_both"] += len(gold_chars & pred_chars)
    return _summary(len({g.id for g in gold}), gold_count, n)


def _summary(documents: int, gold_count: int, n: dict[str, int]) -> dict:
    p, r = _ratio(n["matched"], n["pred"]), _ratio(n["matched"], gold_count)
    cp, cr = _ratio(n["chars_both"], n["chars_pred"]), _ratio(n["chars_both"], n["chars_gold"])
    return {
        "documents": documents, "gold": gold_count, "predicted": n["pred"],
        "attribution_precision": p, "attribution_recall": r, "attribution_f1": _f1(p, r),
        "source_accuracy": _ratio(n["src_ok"], n["src_n"]), "cue_accuracy": _ratio(n["cue_ok"], n["cue_n"]),
        "content_char_precision": cp, "content_char_recall": cr, "content_char_f1": _f1(cp, cr),
        "direct_gold": n["dir_gold"], "direct_recall": _ratio(n["dir_hit"], n["dir_gold"]),
        "direct_source_accuracy": _ratio(n["dir_src_ok"], n["dir_src_n"]),
        "direct_precision": _ratio(n["dir_pred_hit"], n["dir_pred"]),
    }


def _match(golds: list[Attribution], preds: list[Attribution]) -> list[tuple[int, int]]:
    candidates = []
    for gi, g in enumerate(golds):
        gc = _chars(g.contents)
        for pi, p in enumerate(preds):
            pc = _chars(p.contents)
            shared = len(gc & pc)
            if gc and pc and shared >= 0.5 * min(len(gc), len(pc)):
                candidates.append((shared, gi, pi))
    pairs, used_gold, used_pred = [], set(), set()
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_gold and pi not in used_pred:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)
    return pairs


def _chars(spans) -> set[int]:
    covered: set[int] = set()
    for start, end in spans:
        covered.update(range(start, end))
    return covered


def _has_marks(text: str, attribution: Attribution) -> bool:
    return any(mark in text[start:end] for start, end in attribution.contents for mark in MARKS)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0
