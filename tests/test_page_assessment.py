"""The self-assessment page under AppTest: the screen comes first, nothing skips it, answers survive page switches."""

from __future__ import annotations

from spinewell.assessment.recommend import recommend
from spinewell.ui import state
from tests.answer_sets import MODERATE_WITH_POOL, screened
from tests.apptest import click, page_text, switch
from tests.assessment_pages import CONTENT, QUESTIONNAIRE, answer, open_assessment, screen, step, walk

WALK = MODERATE_WITH_POOL  # a complete walk through the questions, in order: a moderate case, the Foundation program

# --- the safety screen --------------------------------------------------------------------------------------------


def test_the_page_opens_on_the_safety_screen_and_says_the_result_is_a_guide():
    at = open_assessment()
    assert QUESTIONNAIRE.screen.title in [s.value for s in at.header]
    assert "not a validated clinical score" in page_text(at)
    assert len(at.checkbox) == len(QUESTIONNAIRE.screen.flags) + 1
    assert at.checkbox(key="assess.flag.none").label.endswith(f"{QUESTIONNAIRE.screen.none_label}**")


def test_continuing_without_ticking_anything_asks_again():
    at = open_assessment()
    click(at, "Continue")
    assert step(at) == "screen"
    assert any("None of these apply to me" in w.value for w in at.warning)
    assert state.SCREEN not in at.session_state


def test_ticking_none_of_these_and_a_warning_sign_asks_which():
    at = open_assessment()
    at.checkbox(key="assess.flag.chest-pain").check()
    at.checkbox(key="assess.flag.none").check()
    click(at, "Continue")
    assert step(at) == "screen"
    assert any("untick one" in w.value for w in at.warning)


def test_an_emergency_flag_says_get_emergency_help_and_no_page_switch_gets_round_it():
    at = screen(open_assessment(), "saddle-numbness")
    assert "Get emergency help now" in at.error[0].value and "999" in at.error[0].value
    assert "Because you said you have numbness or tingling around your genitals" in page_text(at)
    assert "Your starter program" not in page_text(at)
    assert state.CHOSEN_PLAN not in at.session_state

    switch(at, "pages/program.py")
    assert "appears here after the self-assessment" in at.info[0].value
    assert not at.download_button and not at.dataframe
    assert state.CHOSEN_PLAN not in at.session_state

    switch(at, "pages/assessment.py")
    assert "Get emergency help now" in at.error[0].value  # still the referral, not the questionnaire
    assert not at.radio


def test_an_urgent_flag_says_see_a_doctor_and_keeps_learn_open():
    at = screen(open_assessment(), "night-pain")
    assert "See a doctor in the next day or two" in at.warning[0].value
    assert [link.proto.page for link in at.get("page_link")] == ["learn"]
    switch(at, "pages/program.py")
    assert not at.download_button
    switch(at, "pages/learn.py")
    assert at.header and at.radio  # a lesson and its question are there


def test_a_red_flag_can_be_taken_back_on_the_screen_only():
    at = screen(open_assessment(), "weight-loss")
    click(at, QUESTIONNAIRE.screen.ticked_by_mistake.button)
    assert step(at) == "screen"
    assert at.checkbox(key="assess.flag.weight-loss").value is True  # the screen remembers what was ticked
    screen(at)
    assert step(at) == "duration"


# --- the questionnaire --------------------------------------------------------------------------------------------


def test_next_without_an_answer_prompts_on_that_step():
    at = screen(open_assessment())
    click(at, "Next")
    assert step(at) == "duration"
    assert "Please choose an answer to go on." in [w.value for w in at.warning]
    answer(at, "duration", "6-to-12-weeks")
    click(at, "Next")
    assert step(at) == "pain_now" and not at.warning


def test_a_multi_question_needs_an_answer_or_none_of_these():
    at = walk(screen(open_assessment()), WALK, stop_before="access")
    click(at, "Next")
    assert step(at) == "access"
    assert any("Neither of these" in w.value for w in at.warning)


def test_answers_survive_a_page_switch_in_the_middle_and_back_shows_them():
    at = walk(screen(open_assessment()), WALK, stop_before="mood")
    switch(at, "pages/learn.py")
    switch(at, "pages/exercises.py")
    switch(at, "pages/assessment.py")
    assert step(at) == "mood"
    assert at.session_state[state.ANSWERS]["worry"] == "a-little"
    click(at, "Back")
    assert step(at) == "worry"
    assert at.radio(key="assess.q.worry").value == "a-little"  # the widget is seeded from the saved answer
    click(at, "Back")
    click(at, "Back")
    click(at, "Back")
    assert at.segmented_control(key="assess.q.pain_now").value == 5


def test_back_from_the_first_question_returns_to_the_screen_with_its_answer():
    at = screen(open_assessment())
    click(at, "Back")
    assert step(at) == "screen"
    assert at.checkbox(key="assess.flag.none").value is True


def test_the_whole_path_to_a_program_with_a_page_switch_in_the_middle():
    at = walk(screen(open_assessment()), WALK, stop_before="floor")
    switch(at, "pages/about.py")
    switch(at, "pages/assessment.py")
    rest = list(WALK).index("floor")
    at = walk(at, {k: v for k, v in WALK.items() if list(WALK).index(k) >= rest}, first=rest + 1)

    assert step(at) == "review"
    review = page_text(at)
    assert "**Pain now:** 5 out of 10" in review and "**Pool or bike:** A swimming pool" in review
    click(at, "See my result")

    assert at.success[0].value.startswith("## Your starter program: Foundation")
    page = page_text(at)
    assert "Because none of your answers called for a gentler or a harder start." in page
    assert "You can most likely manage this yourself" in page
    assert "Swimming takes turns with walking" in page
    recommendation = at.session_state[state.RECOMMENDATION]
    assert recommendation.program.id == "foundation"
    plan = at.session_state[state.CHOSEN_PLAN]
    assert plan.program_id == "foundation" and plan.weekly_targets

    click(at, "See your week-by-week plan")
    assert at.title[0].value == "Your program" and at.header[0].value == "Foundation"
    assert len(at.download_button) == 4


def test_changing_an_answer_on_the_review_changes_the_result():
    at = walk(screen(open_assessment()), WALK)
    click(at, "See my result")
    click(at, "Change my answers")
    at.button(key="assess.change.pain_now").click().run()
    assert step(at) == "pain_now"
    answer(at, "pain_now", 8)
    assert state.RECOMMENDATION not in at.session_state  # any change drops the old result at once
    click(at, "Back to the review")
    assert "**Pain now:** 8 out of 10" in page_text(at)
    click(at, "See my result")
    assert "Gentle start" in at.success[0].value
    assert "Because you said your pain right now is 8 out of 10." in page_text(at)


def test_ticking_a_red_flag_after_a_result_takes_the_program_away():
    at = walk(screen(open_assessment()), WALK)
    click(at, "See my result")
    assert state.CHOSEN_PLAN in at.session_state
    click(at, "Change my answers")
    at.button(key="assess.change.screen").click().run()
    screen(at, "fever-unwell")
    assert "Get medical help today" in at.warning[0].value
    assert at.session_state[state.RECOMMENDATION].outcome == "same_day"
    assert state.CHOSEN_PLAN not in at.session_state
    switch(at, "pages/program.py")
    assert not at.download_button and "after the self-assessment" in at.info[0].value


def test_answers_left_without_a_screen_do_not_skip_it():
    at = open_assessment()
    at.session_state[state.ANSWERS] = dict(WALK)
    at.session_state[state.ASSESS_STEP] = "result"
    at.run()
    assert step(at) == "screen"
    assert QUESTIONNAIRE.screen.title in [s.value for s in at.header]
    switch(at, "pages/program.py")
    assert not at.download_button


def test_start_again_clears_everything():
    at = walk(screen(open_assessment()), WALK)
    click(at, "See my result")
    click(at, "Start again")
    assert step(at) == "screen"
    assert at.session_state[state.ANSWERS] == {}
    for key in (state.SCREEN, state.RECOMMENDATION, state.CHOSEN_PLAN):
        assert key not in at.session_state
    assert at.checkbox(key="assess.flag.none").value is False


def test_the_stored_recommendation_is_the_pure_functions_answer():
    at = walk(screen(open_assessment()), WALK)
    click(at, "See my result")
    expected = recommend(screened(WALK), CONTENT)
    assert at.session_state[state.RECOMMENDATION] == expected


def test_a_result_step_with_answers_missing_sends_back_to_the_first_missing_question():
    at = open_assessment()
    at.session_state[state.SCREEN] = ()
    at.session_state[state.ANSWERS] = {k: v for k, v in WALK.items() if k != "mood"}
    at.session_state[state.ASSESS_STEP] = "result"
    at.run()
    assert "A few answers are missing" in at.warning[0].value
    assert state.RECOMMENDATION not in at.session_state
    click(at, "Go to the first missing answer")
    assert step(at) == "mood"
