"""What YAML itself lets through and the content refuses: a key written twice, and .nan or .inf for a number."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinewell.content.load import read_yaml
from tests.content_edits import load_error

PLANK_DOSE = "    dose:\n      amount: 20\n      up_to: 30\n"


def _replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file (the plank's dose is the library's first)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} should be in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


def test_a_key_written_twice_is_refused_with_the_file_the_key_and_both_lines(content_copy):
    exercises = content_copy / "exercises.yaml"
    _replace(exercises, PLANK_DOSE, PLANK_DOSE + "      amount: 25\n")
    first, second = _line_of(exercises, "      amount: 20"), _line_of(exercises, "      amount: 25")
    error = load_error(content_copy)
    assert (error.file, error.field) == ("exercises.yaml", "exercises[0].dose.amount")
    assert f"written twice, at line {first} and again at line {second}" in error.problem
    assert "delete one of them" in error.problem


def test_a_top_level_section_written_twice_is_refused(content_copy):
    sources = content_copy / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "sources: []\n", encoding="utf-8")
    error = load_error(content_copy)
    assert (error.file, error.field) == ("sources.yaml", "sources")
    assert "written twice" in error.problem


def test_the_same_key_in_different_places_and_yaml_merges_still_load(tmp_path):
    path = tmp_path / "merge.yaml"
    path.write_text("base: &base {unit: reps, sets: 2}\nplank:\n  <<: *base\n  sets: 3\nbridge:\n  <<: *base\n",
                    encoding="utf-8")
    assert read_yaml(path) == {"base": {"unit": "reps", "sets": 2}, "plank": {"unit": "reps", "sets": 3},
                               "bridge": {"unit": "reps", "sets": 2}}


@pytest.mark.parametrize(("written", "found"), [(".nan", ".nan (not a number)"), (".NaN", ".nan (not a number)"),
                                                (".inf", ".inf")])
def test_a_dose_that_is_not_an_ordinary_number_is_refused_in_plain_words(content_copy, written, found):
    _replace(content_copy / "exercises.yaml", PLANK_DOSE, PLANK_DOSE.replace("up_to: 30", f"up_to: {written}"))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("exercises.yaml", "exercises[0].dose.up_to")
    assert error.problem == f"must be an ordinary number, such as 10; found {found}"


def test_a_rule_threshold_of_nan_is_refused(content_copy):
    # A rule line has no bounds of its own, so a .nan here used to load and then match no one.
    _replace(content_copy / "programs.yaml", "- {question: pain_now, at_least: 7}",
             "- {question: pain_now, at_least: .nan}")
    error = load_error(content_copy)
    assert error.file == "programs.yaml" and error.field.endswith(".at_least")
    assert "found .nan (not a number)" in error.problem
