"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("BRINK_SHARED") or ROOT.parent / "shared")  # the shared data, beside the clone


@pytest.fixture(scope="session")
def nlp():
    from brink import nlp as loader

    return loader.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text):
    from brink import analyze

    return analyze(seed_text, published="2022-01-07", id="seed")


@pytest.fixture(scope="session")
def voa_path() -> Path:
    return ROOT / "examples" / "voa" / "voa_stories.jsonl"
