"""The safety screen's content holds together: a broken level, combination, follow-up or answer flag fails at load."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.content_edits import edit_yaml, load_error

ROOT = Path(__file__).resolve().parents[1]


def _flag(data: dict, flag_id: str) -> dict:
    return next(flag for group in data["screen"]["groups"] for flag in group["flags"] if flag["id"] == flag_id)


def _advice(data: dict, level: str) -> dict:
    return next(advice for advice in data["screen"]["advice"] if advice["level"] == level)


def _question(data: dict, question_id: str) -> dict:
    return next(question for question in data["questions"] if question["id"] == question_id)


def test_no_content_line_lost_its_words_to_an_unquoted_comma():
    """In a {...} line an unquoted comma starts a new key: "says: numbness, tingling" keeps only "numbness" and
    leaves a key "tingling" with no value, which the loader drops as an empty key. Quote such text."""
    def split_keys(node, path=""):
        if isinstance(node, dict):
            for key, value in node.items():
                if value is None and " " in str(key):
                    yield f"{path}.{key}"
                yield from split_keys(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from split_keys(value, f"{path}[{index}]")

    for path in (ROOT / "content").glob("*.yaml"):
        assert list(split_keys(yaml.safe_load(path.read_text(encoding="utf-8")))) == [], path.name


def test_a_level_without_advice(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["screen"]["advice"].remove(_advice(d, "same_day")))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("questionnaire.yaml", "screen.advice")
    assert "same_day" in error.problem


def test_emergency_advice_without_a_call_link(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: _advice(d, "emergency").update(call="Call 999 now."))
    error = load_error(content_copy)
    assert error.field == "screen.advice[0].call"
    assert "(tel:999)" in error.problem


def test_routine_advice_without_the_caution_for_the_plan(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: _advice(d, "routine").pop("caution"))
    error = load_error(content_copy)
    assert error.field == "screen.advice[4].caution"
    assert "goes into the plan" in error.problem


def test_a_combination_naming_a_flag_that_does_not_exist(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["screen"]["combinations"][1].update(all_of=["cancer"]))
    error = load_error(content_copy)
    assert error.field == "screen.combinations[1].all_of[0]"
    assert error.problem.startswith("names the red flag 'cancer', which does not exist")


def test_a_combination_that_never_changes_the_result(content_copy):
    pointless = {"level": "urgent", "all_of": ["weight-loss"], "any_of": ["over-65"], "label": "Weight loss, over 65"}
    edit_yaml(content_copy, "questionnaire", lambda d: d["screen"]["combinations"].append(pointless))
    error = load_error(content_copy)
    assert error.field == "screen.combinations[4].level"
    assert "never changes the result" in error.problem


def test_a_flag_that_changes_nothing(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: _flag(d, "lump-shape").pop("level"))
    error = load_error(content_copy)
    assert error.field == "screen.groups[1].flags[4].level"
    assert "changes nothing" in error.problem


def test_a_flag_with_a_level_and_its_own_caution(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: _flag(d, "steroids").update(name="Steroids", caution="Care."))
    error = load_error(content_copy)
    assert error.field == "screen.groups[2].flags[7].caution"


def test_advice_no_flag_reaches(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d.update(
        answer_flags=[f for f in d["answer_flags"] if f["level"] != "surgical_team"]))
    error = load_error(content_copy)
    assert error.field == "screen.advice[3].level"
    assert "no one sees this advice" in error.problem


def test_routine_advice_capping_to_a_program_that_does_not_exist(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: _advice(d, "routine").update(highest_program="easy"))
    error = load_error(content_copy)
    assert error.field == "screen.advice[4].highest_program"


def test_a_follow_up_that_depends_on_a_later_question(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: _question(d, "leg_sides").update(
        asked_when=[{"question": "function", "is": ["a-lot"]}]))
    error = load_error(content_copy)
    assert error.field == "questions[3].asked_when[0].is[0]"  # the unknown answer first
    edit_yaml(content_copy, "questionnaire", lambda d: _question(d, "leg_sides").update(
        asked_when=[{"question": "function", "is": ["a-little"]}]))
    error = load_error(content_copy)
    assert error.field == "questions[3].asked_when[0].question"
    assert "can only depend on earlier questions" in error.problem


def test_an_answer_tailored_as_a_condition_without_advice(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: _question(d, "leg_pain")["options"][1].update(
        tailor_as="sciatica"))
    error = load_error(content_copy)
    assert error.field == "questions[2].options[1].tailor_as"
    assert "'sciatica'" in error.problem


def test_an_answer_flag_naming_an_answer_that_does_not_exist(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["answer_flags"][0]["when_any"][0].update(
        **{"is": ["two"]}))
    error = load_error(content_copy)
    assert error.field == "answer_flags[0].when_any[0].is[0]"
    assert "names the leg_sides answer 'two'" in error.problem


def test_a_routine_answer_flag_without_a_caution(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["answer_flags"][3].pop("caution"))
    error = load_error(content_copy)
    assert error.field == "answer_flags[3].caution"


def test_the_support_fallback_quoting_a_follow_up(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["support"][-1]["said"].append("leg_sides"))
    error = load_error(content_copy)
    assert error.file == "programs.yaml" and error.field == "support[2].said[5]"
    assert "everyone is asked" in error.problem


def test_a_support_note_on_an_answer_that_does_not_exist(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["support_notes"][0]["when_any"][0].update(**{"is": ["sad"]}))
    error = load_error(content_copy)
    assert error.field == "support_notes[0].when_any[0].is[0]"


def test_a_condition_that_says_check_first_must_lead_to_a_physiotherapist(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["support"][1]["when_any"][2].update(
        includes=["disc-sciatica", "osteoporosis", "recent-surgery", "inflammatory-arthritis"]))
    error = load_error(content_copy)
    assert error.field == "tailoring.conditions.advice[2].see_clinician_first"
    assert "'pregnancy'" in error.problem
