"""Every content file is checked against its models: a misspelt key, a wrong type or an out-of-range value stops
loading with the file, the field path and the problem in words a clinician editing the file understands."""

from __future__ import annotations

import pytest

from spinewell.content.load import load
from tests.content_edits import edit_yaml, load_error, rename_key

PYDANTIC_WORDS = ("Input should", "valid", "pydantic", "Value error", "extra_forbidden", "type=", "Field required")


def _section(data: dict, key: str) -> dict:
    return next(s for s in data["sections"] if s.get(key))


# (file, the edit, the field path named, the key it suggests)
MISSPELT = [
    ("sources", lambda d: rename_key(d, "sources", "sorces"), "sorces", "sources"),
    ("sources", lambda d: rename_key(d["sources"][0], "year", "yeer"), "sources[0].yeer", "year"),
    ("exercises", lambda d: rename_key(d, "types", "typs"), "typs", "types"),
    ("exercises", lambda d: rename_key(d["types"][0], "sessions_per_week", "sessions_per_wek"),
     "types[0].sessions_per_wek", "sessions_per_week"),
    ("exercises", lambda d: rename_key(d["other_activity"], "colour", "color"), "other_activity.color", "colour"),
    ("exercises", lambda d: rename_key(d["exercises"][0]["dose"], "unit", "unti"), "exercises[0].dose.unti", "unit"),
    ("exercises", lambda d: rename_key(d["exercises"][0]["evidence"], "sources", "sorces"),
     "exercises[0].evidence.sorces", "sources"),
    ("learn", lambda d: rename_key(d["sections"][0], "title", "titel"), "sections[0].titel", "title"),
    ("learn", lambda d: rename_key(d["sections"][0]["quiz"], "answer", "anwser"), "sections[0].quiz.anwser", "answer"),
    ("learn", lambda d: rename_key(d["sections"][0]["points"][1], "text", "txt"), "sections[0].points[1].txt", "text"),
    ("learn", lambda d: rename_key(_section(d, "routine")["routine"][2], "exercises", "exercise"),
     "sections[8].routine[2].exercise", "exercises"),
    ("learn", lambda d: d["sections"][4].update(show_warning_sign=True), "sections[4].show_warning_sign",
     "show_warning_signs"),
    ("questionnaire", lambda d: rename_key(d["safety"], "disclaimer", "disclamer"), "safety.disclamer", "disclaimer"),
    ("questionnaire", lambda d: rename_key(d["screen"]["groups"][0]["flags"][0], "label", "lable"),
     "screen.groups[0].flags[0].lable", "label"),
    ("questionnaire", lambda d: rename_key(d["screen"]["advice"][1], "steps", "step"), "screen.advice[1].step",
     "steps"),
    ("questionnaire", lambda d: rename_key(d["questions"][0]["options"][2], "says", "say"),
     "questions[0].options[2].say", "says"),
    ("questionnaire", lambda d: rename_key(d["scores"][0], "questions", "question"), "scores[0].question",
     "questions"),
    ("programs", lambda d: rename_key(d["progression"]["small_step"], "reps", "rep"), "progression.small_step.rep",
     "reps"),
    ("programs", lambda d: rename_key(d["programs"][0]["blocks"][1], "sessions_per_week", "sesions_per_week"),
     "programs[0].blocks[1].sesions_per_week", "sessions_per_week"),
    ("programs", lambda d: rename_key(d["programs"][2]["blocks"][0]["exercises"][1], "start", "strat"),
     "programs[2].blocks[0].exercises[1].strat", "start"),
    ("programs", lambda d: rename_key(d["programs"][0]["warm_up"], "exercise", "excercise"),
     "programs[0].warm_up.excercise", "exercise"),
    ("programs", lambda d: rename_key(d["selection"][0]["when_any"][0], "question", "questoin"),
     "selection[0].when_any[0].questoin", "question"),
    ("programs", lambda d: rename_key(d["selection"][1], "when_all", "when_al"), "selection[1].when_al", "when_all"),
    ("programs", lambda d: rename_key(d["tailoring"]["no_floor"], "swaps", "swap"), "tailoring.no_floor.swap",
     "swaps"),
    ("programs", lambda d: rename_key(d["tailoring"]["conditions"]["advice"][1], "avoid", "avoi"),
     "tailoring.conditions.advice[1].avoi", "avoid"),
]


@pytest.mark.parametrize(("name", "change", "field", "meant"), MISSPELT, ids=[case[2] for case in MISSPELT])
def test_a_misspelt_key_stops_loading_naming_the_file_the_field_and_the_key_meant(content_copy, name, change, field,
                                                                                  meant):
    edit_yaml(content_copy, name, change)
    error = load_error(content_copy)
    assert (error.file, error.field) == (f"{name}.yaml", field)
    assert error.problem.startswith("is not a field of ")
    assert error.problem.endswith(f"did you mean {meant!r}?")


def test_needs_flor_on_the_plank_no_longer_makes_it_a_no_floor_exercise(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: rename_key(d["exercises"][0], "needs_floor", "needs_flor"))
    error = load_error(content_copy)
    assert str(error) == (
        "exercises.yaml: exercises[0].needs_flor: is not a field of an exercise; did you mean 'needs_floor'?"
    )


def test_a_key_far_from_any_field_lists_the_fields_instead(content_copy):
    edit_yaml(content_copy, "sources", lambda d: d["sources"][1].update(colour="red"))
    error = load_error(content_copy)
    assert error.field == "sources[1].colour"
    assert error.problem == (
        "is not a field of a source (its fields are id, title, authors, year, accessed, publisher, url, note)"
    )


def test_every_exercise_says_whether_it_needs_the_floor(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][3].pop("needs_floor"))
    error = load_error(content_copy)
    assert (error.field, error.problem) == ("exercises[3].needs_floor", "is required but missing")


# (file, the edit, the field path, the problem in words)
WRONG = [
    ("sources", lambda d: d["sources"][0].update(year="ten"), "sources[0].year",
     "expected a whole number, found the text 'ten'"),
    ("sources", lambda d: d["sources"][0].update(year=1800), "sources[0].year", "must be at least 1900, found 1800"),
    ("exercises", lambda d: d["exercises"][0]["dose"].update(sets=0), "exercises[0].dose.sets",
     "must be at least 1, found 0"),
    ("exercises", lambda d: d["exercises"][0]["dose"].update(sets=2.5), "exercises[0].dose.sets",
     "expected a whole number, found the number 2.5"),
    ("exercises", lambda d: d["exercises"][0]["dose"].update(unit="secs"), "exercises[0].dose.unit",
     "must be one of seconds, reps, minutes; found 'secs'"),
    ("exercises", lambda d: d["exercises"][0].update(needs_floor="yes"), "exercises[0].needs_floor",
     "expected true or false, found the text 'yes'"),
    ("exercises", lambda d: d["exercises"][0].update(steps="Lie down"), "exercises[0].steps",
     "expected a list, found the text 'Lie down'"),
    ("exercises", lambda d: d["exercises"][0].update(steps=[]), "exercises[0].steps", "must list at least one item"),
    ("exercises", lambda d: d["exercises"][0].update(dose=20), "exercises[0].dose",
     "expected a mapping of fields, found the number 20"),
    ("exercises", lambda d: d["exercises"][0].update(summary="  "), "exercises[0].summary", "must not be empty"),
    ("exercises", lambda d: d["exercises"][0].update(equipment="gym"), "exercises[0].equipment",
     "must be one of none, pool, bike; found 'gym'"),
    ("exercises", lambda d: d["exercises"][0].update(illustration="../plank.svg"), "exercises[0].illustration",
     "must be the name of a file in content/illustrations, such as plank.svg; found '../plank.svg'"),
    ("learn", lambda d: d["sections"][0]["quiz"].update(options=["Only one"], answer="Only one"),
     "sections[0].quiz.options", "must list at least 2 items; found 1"),
    ("learn", lambda d: d["sections"][0].update(show_comparison="yes"), "sections[0].show_comparison",
     "expected true or false, found the text 'yes'"),
    ("questionnaire", lambda d: d["questions"][1].update(kind="slider"), "questions[1].kind",
     "must be one of choice, scale, multi; found 'slider'"),
    ("questionnaire", lambda d: d["questions"][3]["options"][0].update(points=-1), "questions[3].options[0].points",
     "must be at least 0, found -1"),
    ("questionnaire", lambda d: d["questions"][1].pop("maximum"), "questions[1].maximum",
     "is required for a scale question but missing"),
    ("questionnaire", lambda d: d["questions"][0].update(minimum=1), "questions[0].minimum",
     "a choice question has no minimum; remove it"),
    ("questionnaire", lambda d: d["questions"][12].update(options=[]), "questions[12].options",
     "is required for a multi question but missing"),
    ("questionnaire", lambda d: d["questions"][1].update(says=""), "questions[1].says",
     "is required for a scale question but missing"),
    ("programs", lambda d: d["programs"][0].update(weeks=7), "programs[0].weeks", "must be one of 4, 5, 6; found 7"),
    ("programs", lambda d: d["programs"][0]["blocks"][0]["exercises"][0].update(start=0),
     "programs[0].blocks[0].exercises[0].start", "must be above 0, found 0"),
    ("programs", lambda d: d["programs"][0]["blocks"][0].update(sessions_per_week=8),
     "programs[0].blocks[0].sessions_per_week", "must be at most 7, found 8"),
    ("programs", lambda d: d["programs"][0]["blocks"][0]["exercises"][0].update(up_to=3),
     "programs[0].blocks[0].exercises[0].up_to", "must not be below start (5); found 3"),
    ("programs", lambda d: d["tailoring"]["time"]["budgets"][0]["most_per_session"].update(core="two"),
     "tailoring.time.budgets[0].most_per_session.core", "expected a whole number, found the text 'two'"),
    ("programs", lambda d: d["selection"][-1].update(otherwise=False), "selection[3].otherwise",
     "must be true (it marks the rule used when no other applies)"),
]


@pytest.mark.parametrize(("name", "change", "field", "problem"), WRONG, ids=[f"{c[2]}:{c[3][:24]}" for c in WRONG])
def test_a_wrong_type_or_value_is_named_in_plain_words(content_copy, name, change, field, problem):
    edit_yaml(content_copy, name, change)
    error = load_error(content_copy)
    assert (error.file, error.field, error.problem) == (f"{name}.yaml", field, problem)
    assert not any(word in str(error) for word in PYDANTIC_WORDS), str(error)


def test_yes_or_no_where_text_belongs_says_to_quote_it(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["questions"][2]["options"][0].update(label=False))
    error = load_error(content_copy)
    assert error.field == "questions[2].options[0].label"
    assert error.problem.startswith("expected text, found true/false")
    assert "quotes" in error.problem


def test_a_value_the_app_works_out_is_refused_in_the_file(content_copy):
    edit_yaml(content_copy, "programs", lambda d: d["programs"][0]["blocks"][0]["exercises"][0].update(name="Bridge"))
    error = load_error(content_copy)
    assert error.field == "programs[0].blocks[0].exercises[0].name"
    assert "the app works it out" in error.problem


def test_an_empty_value_is_the_same_as_leaving_the_key_out(content_copy):
    edit_yaml(content_copy, "questionnaire", lambda d: d["questions"][0].update(help=None))
    assert load(content_copy).questionnaire.questions[0].help == ""
    edit_yaml(content_copy, "questionnaire", lambda d: d["questions"][0].update(title=None))
    assert (load_error(content_copy).field, load_error(content_copy).problem) == (
        "questions[0].title", "is required but missing")


def test_a_file_that_is_not_utf8_is_named(content_copy):
    (content_copy / "sources.yaml").write_bytes("sources:\n  - id: café\n".encode("cp1252"))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("sources.yaml", "(file)")
    assert "UTF-8" in error.problem


def test_a_yaml_syntax_error_gives_the_line_and_column(content_copy):
    broken = "progression:\n  small_step: {reps: 2\nprograms: []\n"
    (content_copy / "programs.yaml").write_text(broken, encoding="utf-8")
    error = load_error(content_copy)
    assert (error.file, error.field) == ("programs.yaml", "(syntax)")
    assert "at line 3, column" in error.problem
