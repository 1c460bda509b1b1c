"""The cue lexicon (data/quotes/cues.tsv): which words report speech, thought or intent, and how
each finds its content in the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

CUES_FILE = files("brink") / "data" / "quotes" / "cues.tsv"
FRAMES = frozenset({"quote", "clause", "infinitive", "object"})
_POS = {"verb", "noun"}


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, frozenset[str]]  # lemma -> frames
    nouns: frozenset[str]

    def verb_frames(self, lemma: str) -> frozenset[str]:
        return self.verbs.get(lemma, frozenset())


@lru_cache(maxsize=1)
def cues() -> Cues:
    return parse_cues(CUES_FILE.read_text(encoding="utf-8"), str(CUES_FILE))


def parse_cues(source: str, origin: str) -> Cues:
    """Parse LEMMA<TAB>POS<TAB>FRAMES lines; errors name the file and line."""
    verbs: dict[str, frozenset[str]] = {}
    nouns: set[str] = set()
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in _POS:
            raise ValueError(f"{origin}:{number}: expected LEMMA<TAB>verb|noun<TAB>FRAMES")
        lemma, pos, frame_list = fields
        frames = frozenset(frame_list.split(","))
        if not frames <= FRAMES or " " in lemma or lemma != lemma.lower():
            raise ValueError(f"{origin}:{number}: unknown frame in {frame_list!r} or a lemma that is not one"
                             f" lower-case word (frames: {', '.join(sorted(FRAMES))})")
        if pos == "noun":
            nouns.add(lemma)
        else:
            verbs[lemma] = verbs.get(lemma, frozenset()) | frames
    return Cues(verbs, frozenset(nouns))
