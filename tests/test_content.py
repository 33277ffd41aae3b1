"""The content files load, every cross-reference resolves, and broken files give errors naming the file and field."""

from __future__ import annotations

import pytest

from spinewell.content.load import load
from spinewell.content.models import describe_dose
from tests.content_edits import edit_yaml, load_error

ARTICLE_EXERCISES = {
    "plank", "bridge", "bird-dog", "hamstring-stretch", "cat-cow", "childs-pose", "walking", "swimming", "cycling",
    "warm-up", "cool-down",
}
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.fixture(scope="module")
def content():
    return load()


# --- the real content --------------------------------------------------------------------------------------------


def test_library_holds_the_articles_exercises_plus_warm_up_and_cool_down(content):
    assert {e.id for e in content.exercises} >= ARTICLE_EXERCISES


def test_article_doses_carry_over(content):
    assert content.exercise("plank").dose.describe().endswith("20–30 seconds")
    assert content.exercise("bridge").dose.describe() == "10–15 reps"
    assert content.exercise("bird-dog").dose.describe() == "10 reps each side"
    assert content.exercise("hamstring-stretch").dose.describe() == "30 seconds each side"
    assert content.exercise("cat-cow").dose.describe() == "10 reps"
    assert content.exercise("childs-pose").dose.describe() == "30 seconds"
    assert content.exercise("warm-up").dose.describe() == "5–10 minutes"


def test_every_exercise_card_is_complete(content):
    assert content.stop_rules.fine and len(content.stop_rules.signs) >= 4  # every card shows these (test_pages)
    for exercise in content.exercises:
        assert len(exercise.steps) >= 3, exercise.id
        assert exercise.easier and exercise.harder, exercise.id
        assert exercise.mistakes and exercise.muscles, exercise.id


def test_illustrations_are_self_contained_svg(content):
    for exercise in content.exercises:
        assert exercise.illustration is not None, f"{exercise.id} has no illustration"
        svg = exercise.illustration.read_text(encoding="utf-8")
        assert "<svg" in svg and "<title" in svg, exercise.id
        for forbidden in ("<script", "<image", "href=\"http", "@import", "url(http"):
            assert forbidden not in svg, f"{exercise.id}.svg contains {forbidden}"


def test_comparison_table_has_the_three_types_with_the_articles_frequencies(content):
    table = {t.id: t for t in content.compared_types()}
    assert set(table) == {"core", "stretching", "aerobic"}
    assert table["core"].sessions_per_week == 3
    assert table["stretching"].sessions_per_week == 7
    assert table["aerobic"].sessions_per_week == 5
    assert table["aerobic"].minutes_per_session == 30


def test_every_quiz_answer_is_one_of_its_options(content):
    assert len(content.learn) >= 6
    for section in content.learn:
        assert section.quiz.answer in section.quiz.options


def test_every_cited_source_and_linked_exercise_exists(content):
    source_ids = {s.id for s in content.sources}
    exercise_ids = {e.id for e in content.exercises}
    for section in content.learn:
        assert set(section.exercises) <= exercise_ids
        for step in section.routine:
            assert set(step.exercises) <= exercise_ids
        for note in section.evidence_notes:
            assert set(note.sources) <= source_ids
    for exercise in content.exercises:
        if exercise.evidence:
            assert set(exercise.evidence.sources) <= source_ids


def test_the_content_is_more_careful_than_the_article_about_stretching(content):
    notes = " ".join(note.text for section in content.learn for note in section.evidence_notes).lower()
    assert "stretching" in notes
    assert any("owen" in s.id.lower() or "Owen" in s.authors for s in content.sources)


def test_routine_covers_warm_up_core_stretching_aerobic_cool_down(content):
    routine = [step for section in content.learn for step in section.routine]
    types = [content.exercise(step.exercises[0]).type for step in routine]
    assert types == ["warmup", "core", "stretching", "aerobic", "cooldown"]


def test_exercise_type_lookup_classifies_ids_names_and_types(content):
    lookup = content.exercise_type_lookup()
    assert lookup["plank"] == "core"
    assert lookup["bird dog"] == "core"
    assert lookup["walking"] == "aerobic"
    assert lookup["core strengthening"] == "core"


def test_each_type_has_a_short_label_and_its_own_colour_blind_safe_colour(content):
    looks = {t.id: (t.label, t.colour) for t in content.exercise_types}
    assert looks == {
        "core": ("Core", "#0072B2"), "stretching": ("Stretching", "#009E73"), "aerobic": ("Aerobic", "#E69F00"),
        "warmup": ("Warm-up", "#D55E00"), "cooldown": ("Cool-down", "#F0E442"),
    }
    assert (content.other_activity.label, content.other_activity.colour) == ("Other", "#56B4E9")
    colours = [colour for _, colour in looks.values()] + [content.other_activity.colour]
    assert set(colours) <= OKABE_ITO and len(set(colours)) == len(colours)


def test_a_colour_must_be_written_as_a_hex_code(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["types"][2].update(colour="orange"))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("exercises.yaml", "types[2].colour")
    assert error.problem == "must be a colour written as #RRGGBB, such as #0072B2; found 'orange'"


def test_two_series_with_one_colour_are_refused_whatever_the_letter_case(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["other_activity"].update(colour="#0072b2"))
    error = load_error(content_copy)
    assert error.field == "other_activity.colour"
    assert error.problem.startswith("#0072B2 is already the colour of core")


def test_a_type_without_a_label_is_refused(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["types"][0].pop("label"))
    assert (load_error(content_copy).field, load_error(content_copy).problem) == (
        "types[0].label", "is required but missing")


@pytest.mark.parametrize(
    ("amount", "up_to", "unit", "per_side", "sets", "expected"),
    [
        (20, 30, "seconds", False, 3, "3 × 20–30 seconds"),
        (10, None, "reps", True, 1, "10 reps each side"),
        (10, 10, "reps", False, 1, "10 reps"),
        (7.5, None, "minutes", False, 1, "7.5 minutes"),
    ],
)
def test_describe_dose(amount, up_to, unit, per_side, sets, expected):
    assert describe_dose(amount, up_to, unit, per_side, sets) == expected


# --- broken content gives named errors ----------------------------------------------------------------------------


def test_missing_file_is_named(content_copy):
    (content_copy / "learn.yaml").unlink()
    error = load_error(content_copy)
    assert error.file == "learn.yaml"
    assert "missing" in str(error)


def test_yaml_syntax_error_names_file_and_line(content_copy):
    (content_copy / "exercises.yaml").write_text("types:\n  - id: core\n   name: [unclosed\n", encoding="utf-8")
    error = load_error(content_copy)
    assert error.file == "exercises.yaml"
    assert error.field == "(syntax)"
    assert "line" in error.problem


def test_top_level_list_instead_of_mapping(content_copy):
    (content_copy / "sources.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    error = load_error(content_copy)
    assert (error.file, error.field) == ("sources.yaml", "(top level)")


def test_quiz_answer_not_among_options(content_copy):
    edit_yaml(content_copy, "learn", lambda d: d["sections"][0]["quiz"].update(answer="Something else entirely"))
    error = load_error(content_copy)
    assert error.file == "learn.yaml"
    assert error.field == "sections[0].quiz.answer"


def test_routine_step_naming_an_unknown_exercise(content_copy):
    def break_routine(data):
        section = next(s for s in data["sections"] if s.get("routine"))
        section["routine"][1]["exercises"] = ["plnk"]

    edit_yaml(content_copy, "learn", break_routine)
    error = load_error(content_copy)
    assert "routine[1].exercises[0]" in error.field
    assert "'plnk'" in error.problem


def test_cited_source_that_does_not_exist(content_copy):
    def cite_unknown(data):
        section = next(s for s in data["sections"] if s.get("evidence_notes"))
        section["evidence_notes"][0]["sources"] = ["nobody-2099"]

    edit_yaml(content_copy, "learn", cite_unknown)
    error = load_error(content_copy)
    assert error.file == "learn.yaml"
    assert error.field.endswith("evidence_notes[0].sources[0]")


def test_exercise_with_unknown_type(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][0].update(type="yoga"))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("exercises.yaml", "exercises[0].type")


def test_exercise_missing_its_steps(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][2].pop("steps"))
    error = load_error(content_copy)
    assert (error.field, error.problem) == ("exercises[2].steps", "is required but missing")


def test_dose_with_text_where_a_number_belongs(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][0]["dose"].update(amount="twenty"))
    error = load_error(content_copy)
    assert error.field == "exercises[0].dose.amount"
    assert "number" in error.problem


def test_dose_range_upside_down(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][0]["dose"].update(amount=30, up_to=10))
    assert load_error(content_copy).field == "exercises[0].dose.up_to"


def test_duplicate_exercise_id(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][1].update(id=d["exercises"][0]["id"]))
    error = load_error(content_copy)
    assert error.field == "exercises[1].id"
    assert "duplicate" in error.problem


def test_missing_illustration_file(content_copy):
    edit_yaml(content_copy, "exercises", lambda d: d["exercises"][0].update(illustration="nowhere.svg"))
    assert load_error(content_copy).field == "exercises[0].illustration"


def test_source_year_as_text(content_copy):
    edit_yaml(content_copy, "sources", lambda d: d["sources"][0].update(year="last year"))
    assert load_error(content_copy).field == "sources[0].year"
