"""questionnaire.yaml and programs.yaml hold together; a broken rule fails at load, naming the file and the rule."""

from __future__ import annotations

from pathlib import Path

import yaml

from spinewell.content.load import load
from tests.content_edits import edit_yaml, load_error

CONTENT = load()


def _program(data: dict, program_id: str) -> dict:
    return next(p for p in data["programs"] if p["id"] == program_id)


def _block(program: dict, type_id: str) -> dict:
    return next(b for b in program["blocks"] if b["type"] == type_id)


# --- the real files -----------------------------------------------------------------------------------------------


def test_the_questionnaire_covers_the_domains_in_the_issue():
    ids = [q.id for q in CONTENT.questionnaire.questions]
    assert ids == ["duration", "pain_now", "leg_pain", "leg_sides", "leg_numbness", "function", "worry", "mood",
                   "bothersome", "expectation", "activity", "floor", "access", "minutes", "conditions", "surgery_when",
                   "pain_began_age", "inflammatory_signs"]
    conditions = {o.id for o in CONTENT.questionnaire.question("conditions").options}
    assert {"disc-sciatica", "osteoporosis", "pregnancy", "recent-surgery"} <= conditions
    follow_ups = [q.id for q in CONTENT.questionnaire.questions if q.asked_when]
    assert follow_ups == ["leg_sides", "leg_numbness", "surgery_when", "pain_began_age", "inflammatory_signs"]


def test_the_screen_is_grouped_under_three_headings_and_asks_about_history_too():
    screen = CONTENT.questionnaire.screen
    assert [g.title for g in screen.groups] == ["Emergency signs", "Signs to see a doctor soon", "Things to mention"]
    assert "now, or in your history" in screen.intro
    assert {f.level for f in screen.groups[0].flags} == {"emergency"}
    assert {f.level for f in screen.groups[1].flags} == {"same_day", "urgent"}
    assert {f.level for f in screen.groups[2].flags} <= {"routine", None}
    assert len(screen.flags) == len({f.id for f in screen.flags}) == 34


def test_the_app_says_the_result_is_a_guide_and_does_not_copy_licensed_instruments():
    assert "not a validated clinical score" in CONTENT.questionnaire.guide_note
    text = yaml.safe_dump(yaml.safe_load((Path(__file__).parents[1] / "content/questionnaire.yaml").read_text()))
    # STarT Back item 5 and item 9's stem, Oswestry's section name, and the PHQ-2's stem, items and answer scale.
    licensed = ("It's not really safe for a person with a condition like mine", "not really safe for a person",
                "bothersome has your back pain been", "I feel that my back pain is terrible", "Pain Intensity",
                "Over the last 2 weeks", "how often have you been bothered", "Little interest or pleasure",
                "Feeling down, depressed", "More than half the days", "Several days", "Nearly every day")
    for phrase in licensed:
        assert phrase.lower() not in " ".join(text.lower().split()), phrase


def test_the_mood_question_is_our_own_words_not_the_phq_2():
    mood = CONTENT.questionnaire.question("mood")
    words = f"{mood.title} {' '.join(o.label for o in mood.options)}".lower()
    for phq in ("two weeks", "2 weeks", "interest", "pleasure", "depressed", "hopeless", "several days",
                "half the days", "nearly every day", "bothered"):
        assert phq not in words, phq
    assert "low on most days" in words


def test_there_are_three_starter_programs_from_gentle_to_harder():
    levels = {p.id: p.level for p in CONTENT.programs.programs}
    assert levels == {"gentle-start": 1, "foundation": 2, "build-up": 3}


# --- broken rules: named errors -----------------------------------------------------------------------------------


def test_a_program_naming_an_unknown_exercise(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["programs"][1]["blocks"][0]["exercises"][2].update(exercise="plnk"))
    error = load_error(content_copy)
    assert error.file == "programs.yaml"
    assert error.field == "programs[1].blocks[0].exercises[2].exercise"
    assert error.problem.startswith("names the exercise 'plnk', which does not exist")
    assert str(error).startswith("programs.yaml: programs[1].blocks[0].exercises[2].exercise: names the exercise")


def test_a_rule_naming_an_unknown_question(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["selection"][0]["when_any"][0].update(question="pain_today"))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("programs.yaml", "selection[0].when_any[0].question")
    assert "'pain_today'" in error.problem


def test_a_rule_naming_an_unknown_answer(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["selection"][0]["when_any"][1].update(**{"is": ["terrified"]}))
    error = load_error(content_copy)
    assert error.field == "selection[0].when_any[1].is[0]"
    assert "names the worry answer 'terrified'" in error.problem


def test_a_threshold_beyond_the_scale(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["selection"][0]["when_any"][0].update(at_least=11))
    error = load_error(content_copy)
    assert error.field == "selection[0].when_any[0].at_least"
    assert "at most 10" in error.problem


def test_a_test_that_does_not_fit_the_question(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["selection"][0]["when_any"][0].update(
        {"is": ["7"], "at_least": None}))
    error = load_error(content_copy)
    assert error.field.startswith("selection[0].when_any[0]")


def test_a_rule_line_with_two_tests(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["selection"][0]["when_any"][0].update(at_most=9))
    error = load_error(content_copy)
    assert error.field == "selection[0].when_any[0]"
    assert "exactly one of" in error.problem


def test_a_score_rule_naming_an_unknown_score(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["support"][0]["when_any"][0].update(score="distress"))
    error = load_error(content_copy)
    assert error.field == "support[0].when_any[0].score"


def test_the_fallback_rule_must_come_last(content_copy):
    def fallback_first(data):
        data["selection"].insert(0, data["selection"].pop())

    edit_yaml(content_copy, "programs", fallback_first)
    error = load_error(content_copy)
    assert error.field == "selection[0]"
    assert "must come last" in error.problem


def test_without_a_fallback_some_answers_would_get_no_program(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["selection"].pop())
    error = load_error(content_copy)
    assert "otherwise: true" in error.problem


def test_a_program_no_rule_chooses(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d.update(selection=[r for r in d["selection"]
                                                                  if r["program"] != "build-up"]))
    error = load_error(content_copy)
    assert error.field == "programs[2].id"
    assert "no one can reach it" in error.problem


def test_a_weekly_step_that_is_a_jump(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _block(_program(d, "gentle-start"), "core")["exercises"][0].update(
        step=4))
    error = load_error(content_copy)
    assert error.field == "programs[0].blocks[0].exercises[0].step"
    assert "jump" in error.problem


def test_too_few_core_sessions_for_the_target(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _block(_program(d, "foundation"), "core").update(sessions_per_week=2))
    error = load_error(content_copy)
    assert error.field == "programs[1].blocks[0].sessions_per_week"
    assert "3–4 times a week" in error.problem


def test_aerobic_minutes_that_never_reach_thirty(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _block(_program(d, "gentle-start"), "aerobic")["exercises"][0].update(
        step=2))
    error = load_error(content_copy)
    assert error.field == "programs[0].blocks[2].exercises[0].step"
    assert "30 minutes" in error.problem


def test_an_exercise_in_the_wrong_block(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _block(_program(d, "foundation"), "core")["exercises"][0].update(
        exercise="walking"))
    error = load_error(content_copy)
    assert "aerobic exercise, not core" in error.problem


def test_a_program_missing_a_block(content_copy):
    edit_yaml(content_copy, "programs", lambda d: _program(d, "build-up")["blocks"].pop())
    error = load_error(content_copy)
    assert error.field == "programs[2].blocks"
    assert "aerobic" in error.problem


def test_a_no_floor_stand_in_that_needs_the_floor(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["tailoring"]["no_floor"]["swaps"][0].update(exercise="bird-dog",
                                                                                            start=6))
    error = load_error(content_copy)
    assert error.field == "tailoring.no_floor.swaps[0].exercise"
    assert "needs the floor" in error.problem


def test_a_condition_answer_without_advice(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["tailoring"]["conditions"]["advice"].pop(2))
    error = load_error(content_copy)
    assert error.field == "tailoring.conditions.advice"
    assert "'pregnancy'" in error.problem


def test_a_condition_capping_to_an_unknown_program(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["tailoring"]["conditions"]["advice"][0].update(
        highest_program="easy-does-it"))
    error = load_error(content_copy)
    assert error.field == "tailoring.conditions.advice[0].highest_program"


def test_a_removal_that_would_leave_a_block_empty(content_copy):
    def remove_every_stretch(data):
        advice = next(a for a in data["tailoring"]["conditions"]["advice"] if a["answer"] == "osteoporosis")
        advice["remove"] = [{"exercise": e, "because": "test"} for e in
                            ("childs-pose", "cat-cow", "hamstring-stretch", "seated-cat-cow")]

    edit_yaml(content_copy, "programs", remove_every_stretch)
    error = load_error(content_copy)
    assert error.file == "programs.yaml" and error.field == "programs[0].blocks"
    assert "stretching block is left empty" in error.problem and "Osteoporosis" in error.problem


def test_a_time_budget_for_an_answer_that_does_not_exist(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["tailoring"]["time"]["budgets"][0].update(answer="about-5"))
    error = load_error(content_copy)
    assert error.field == "tailoring.time.budgets[0].answer"


# --- broken questionnaire -----------------------------------------------------------------------------------------


def test_a_duplicate_question(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["questions"][3].update(id="pain_now"))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("questionnaire.yaml", "questions[3].id")


def test_a_scale_without_a_place_for_the_answer(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["questions"][1].update(says="your pain right now"))
    error = load_error(content_copy)
    assert error.field == "questions[1].says"


def test_a_red_flag_with_an_unknown_level(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["screen"]["groups"][0]["flags"][0].update(level="soon"))
    error = load_error(content_copy)
    assert error.field == "screen.groups[0].flags[0].level"
    assert "same_day" in error.problem


def test_a_screen_without_emergency_advice(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["screen"]["advice"].pop(0))
    error = load_error(content_copy)
    assert error.field == "screen.advice"
    assert "emergency" in error.problem


def test_a_score_over_a_scale_question(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["scores"][0]["questions"].append("pain_now"))
    error = load_error(content_copy)
    assert error.field == "scores[0].questions[6]"
    assert "choice and multi questions only" in error.problem


def test_removing_an_answer_the_rules_use_is_caught_in_the_rules_file(content_copy):
    edit_yaml(content_copy, "questionnaire",
              lambda d: next(q for q in d["questions"] if q["id"] == "floor")["options"].pop())  # "cannot"
    error = load_error(content_copy)
    assert error.file == "programs.yaml"
    assert error.field == "tailoring.no_floor.when_any[0].is[0]"
