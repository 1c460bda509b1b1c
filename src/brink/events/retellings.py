"""One event per act: the same act told twice in an article is one event with two mentions."""

from __future__ import annotations

from brink.records import Event, Mention


def merge_retellings(events: list[Event]) -> list[Event]:
    """Events in later sentences that repeat an earlier one (same CAMEO root, source, target,
    factuality and time, both sides named, and no two different dates) become mentions of it;
    ids are renumbered."""
    told: dict[tuple, list[Event]] = {}
    kept: list[Event] = []
    for event in events:
        key = (event.cameo[:2], event.source, event.target, event.factuality, event.time)
        same = next((e for e in told.get(key, []) if e.sentence != event.sentence
                     and (e.date is None or event.date is None or e.date == event.date)), None)
        if same is not None and event.source and event.target:
            same.mentions.append(Mention(event.trigger, event.sentence))
            continue
        told.setdefault(key, []).append(event)
        kept.append(event)
    for number, event in enumerate(kept, 1):
        event.id = f"E{number}"
    return kept
