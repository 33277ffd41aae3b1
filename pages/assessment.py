"""Self-assessment: the safety screen, then one question at a time, a review, and the result with its reasons."""

import datetime as dt

import streamlit as st

from spinewell import assessment
from spinewell.program.plan import build_plan, default_start
from spinewell.ui import cache, state

content = cache.content()
questionnaire = content.questionnaire
screen = questionnaire.screen
questions = questionnaire.questions
question_ids = [q.id for q in questions]
session_state = st.session_state
session_state.setdefault(state.ANSWERS, {})


# --- moving between steps (callbacks run before the rerun, so the page always draws the step it lands on) --------


def go(step: str) -> None:
    session_state[state.ASSESS_STEP] = step
    session_state.pop(state.ASSESS_PROMPT, None)


def set_answer(question_id: str, value) -> None:
    if session_state[state.ANSWERS].get(question_id) != value:
        session_state[state.ANSWERS][question_id] = value
        state.forget_result()


def widget_to_answer(question_id: str) -> None:
    """Copy a choice or scale widget's value into the answers the moment it changes (widget keys do not last)."""
    set_answer(question_id, session_state.get(f"assess.q.{question_id}"))


def multi_to_answer(question_id: str) -> None:
    """A multi question's boxes as a tuple of option ids; () when only "none of these" is ticked; None when unclear."""
    question = questionnaire.question(question_id)
    ticked = tuple(o.id for o in question.options if session_state.get(f"assess.q.{question_id}.{o.id}"))
    none = session_state.get(f"assess.q.{question_id}.none", False)
    set_answer(question_id, None if none == bool(ticked) else ticked)


def submit_screen() -> None:
    ticked = tuple(flag.id for flag in screen.flags if session_state.get(f"assess.flag.{flag.id}"))
    none = session_state.get("assess.flag.none", False)
    if none == bool(ticked):  # neither, or both: ask again on this step
        session_state[state.ASSESS_PROMPT] = "screen-both" if none else "screen"
        return
    if session_state.get(state.SCREEN) != ticked:
        session_state[state.SCREEN] = ticked
        state.forget_result()
    if ticked:
        go("result")
    else:
        go("review" if session_state.get(state.ASSESS_FROM_REVIEW) else question_ids[0])


def next_step(question_id: str) -> None:
    if assessment.answer_problem(questionnaire.question(question_id), session_state[state.ANSWERS].get(question_id)):
        session_state[state.ASSESS_PROMPT] = question_id
        return
    index = question_ids.index(question_id)
    if session_state.get(state.ASSESS_FROM_REVIEW) or index == len(question_ids) - 1:
        go("review")
    else:
        go(question_ids[index + 1])


def previous_step(question_id: str) -> None:
    index = question_ids.index(question_id)
    go(question_ids[index - 1] if index else "screen")


def change(step: str) -> None:
    session_state[state.ASSESS_FROM_REVIEW] = True
    go(step)


def see_result() -> None:
    missing = assessment.missing_answers(state.assessment_answers(content), questionnaire)
    if missing:
        session_state[state.ASSESS_FROM_REVIEW] = True
        go(missing[0])
        session_state[state.ASSESS_PROMPT] = missing[0]
        return
    go("result")


def start_again() -> None:
    for key in (state.ANSWERS, state.SCREEN, state.ASSESS_FROM_REVIEW, state.PLAN_START, state.PLAN_WEEKS):
        session_state.pop(key, None)
    state.forget_result()
    go("screen")


# --- which step: nothing gets past the safety screen ---------------------------------------------------------------

screen_answer = session_state.get(state.SCREEN)
step = session_state.get(state.ASSESS_STEP, "screen")
if screen_answer is None:
    step = "screen"  # not screened yet: no question, review or result, whatever the stored step says
elif screen_answer and step != "screen":
    step = "result"  # a red flag: the only way on is the referral (or back to the screen to change it)
if step not in ("screen", "review", "result", *question_ids):
    step = "screen"
session_state[state.ASSESS_STEP] = step
prompt = session_state.get(state.ASSESS_PROMPT)

st.title(questionnaire.title)

# --- the safety screen --------------------------------------------------------------------------------------------

if step == "screen":
    st.markdown(questionnaire.intro)
    st.caption(questionnaire.guide_note)
    st.progress(0.0, text="Safety check")
    st.subheader(screen.title)
    st.markdown(screen.intro)
    with st.form("assess.screen", border=True):
        for flag in screen.flags:
            ticked = bool(screen_answer and flag.id in screen_answer)
            st.checkbox(flag.label, value=ticked, key=f"assess.flag.{flag.id}")
        st.divider()
        st.checkbox(f"**{screen.none_label}**", value=screen_answer == (), key="assess.flag.none")
        if prompt == "screen":
            st.warning("Please tick what applies to you, or tick “None of these apply to me”.", icon=":material/info:")
        elif prompt == "screen-both":
            st.warning("You ticked “None of these apply to me” and a warning sign as well. Please untick one.",
                       icon=":material/info:")
        st.form_submit_button("Continue", type="primary", on_click=submit_screen, icon=":material/arrow_forward:")
    st.stop()

# --- one question at a time ---------------------------------------------------------------------------------------

if step in question_ids:
    question = questionnaire.question(step)
    index = question_ids.index(step)
    value = session_state[state.ANSWERS].get(question.id)
    st.progress((index + 1) / (len(questions) + 1), text=f"Question {index + 1} of {len(questions)}")
    st.subheader(question.title)
    if question.help:
        st.caption(question.help)
    key = f"assess.q.{question.id}"
    if question.kind == "choice":
        options = [o.id for o in question.options]
        st.radio(
            question.title,
            options,
            index=options.index(value) if value in options else None,
            format_func=lambda option_id: question.option(option_id).label,
            key=key,
            label_visibility="collapsed",
            on_change=widget_to_answer,
            args=(question.id,),
        )
    elif question.kind == "scale":
        st.segmented_control(
            question.title,
            list(range(question.minimum, question.maximum + 1)),
            default=value,
            key=key,
            label_visibility="collapsed",
            on_change=widget_to_answer,
            args=(question.id,),
        )
        st.caption(f"{question.minimum} = {question.minimum_label} · {question.maximum} = {question.maximum_label}")
    else:
        for option in question.options:
            st.checkbox(option.label, value=bool(value and option.id in value), key=f"{key}.{option.id}",
                        on_change=multi_to_answer, args=(question.id,))
        st.checkbox(question.none_label, value=value == (), key=f"{key}.none",
                    on_change=multi_to_answer, args=(question.id,))
    if prompt == question.id:
        if question.kind == "multi":
            st.warning(f"Please tick the ones that apply, or “{question.none_label}” (not both).",
                       icon=":material/info:")
        else:
            st.warning("Please choose an answer to go on.", icon=":material/info:")
    with st.container(horizontal=True):  # side by side on a phone too, Back on the left
        st.button("Back", on_click=previous_step, args=(question.id,), icon=":material/arrow_back:", width="stretch")
        label = "Back to the review" if session_state.get(state.ASSESS_FROM_REVIEW) else "Next"
        st.button(label, type="primary", on_click=next_step, args=(question.id,), icon=":material/arrow_forward:",
                  width="stretch")
    st.stop()

# --- review -------------------------------------------------------------------------------------------------------

if step == "review":
    st.progress(1.0, text="Check your answers")
    st.subheader("Check your answers")
    st.caption("Change anything that is not quite right, then see your result.")
    answers = state.assessment_answers(content)
    rows = [("screen", "Safety check", screen.none_label if not screen_answer else "")]
    rows += [(q.id, q.short, assessment.describe_answer(q, answers.get(q.id))) for q in questions]
    with st.container(border=True, gap=None):
        for row_step, short, answer in rows:
            with st.container(horizontal=True, vertical_alignment="center", wrap=False):
                st.markdown(f"**{short}:** {answer}", width="stretch")
                st.button("Change", key=f"assess.change.{row_step}", on_click=change, args=(row_step,),
                          icon=":material/edit:", type="tertiary")
    st.button("See my result", type="primary", on_click=see_result, icon=":material/check:", width="stretch")
    st.stop()

# --- the result ---------------------------------------------------------------------------------------------------

answers = state.assessment_answers(content)
recommendation = state.current_recommendation(content)
if recommendation is None:
    try:
        recommendation = assessment.recommend(answers, content)
    except assessment.IncompleteAnswers as incomplete:
        st.warning("A few answers are missing, so there is no result yet.", icon=":material/info:")
        st.button("Go to the first missing answer", type="primary", on_click=change, args=(incomplete.missing[0],))
        st.stop()
    session_state[state.RECOMMENDATION] = recommendation

if recommendation.is_referral:
    advice = recommendation.referral
    steps = "\n".join(f"- {line}" for line in advice.steps)
    alert = st.error if recommendation.outcome == assessment.EMERGENCY else st.warning
    icon = ":material/emergency:" if recommendation.outcome == assessment.EMERGENCY else ":material/medical_services:"
    alert(f"## {advice.title}\n\n{advice.message}\n\n{steps}", icon=icon)
    st.markdown("**Why:** " + " ".join(recommendation.reasons))
    st.caption("There is no exercise program here for now. That is not a judgement on you: it is how the app keeps "
               "people safe.")
    if recommendation.outcome == assessment.URGENT:
        st.page_link("pages/learn.py", label="Read the Learn pages meanwhile", icon=":material/school:")
    st.button("I ticked something by mistake: back to the safety check", on_click=go, args=("screen",),
              icon=":material/arrow_back:")
    st.stop()

fitted = recommendation.program
if state.CHOSEN_PLAN not in session_state:
    start = session_state.get(state.PLAN_START) or default_start(dt.date.today())
    session_state[state.CHOSEN_PLAN] = build_plan(fitted, start, session_state.get(state.PLAN_WEEKS) or fitted.weeks)

st.progress(1.0, text="Your result")
st.success(f"### Your starter program: {fitted.name}\n\n{fitted.summary}", icon=":material/check_circle:")
st.markdown("**Why this program**")
st.markdown("\n".join(f"- {reason}" for reason in recommendation.reasons))

if recommendation.conditions:
    cautions = "\n".join(f"- **{c.name}.** {c.caution}" for c in recommendation.conditions)
    st.warning(f"**Before you start**\n\n{cautions}", icon=":material/medical_services:")
    modifications = [m for c in recommendation.conditions for m in c.modifications]
    if modifications:
        st.markdown("**Keep in mind**")
        st.markdown("\n".join(f"- {m}" for m in modifications))

support = recommendation.support
reasons = " ".join(recommendation.support_reasons)
st.info(f"**{support.title}**\n\n{support.advice}\n\n*{reasons}*", icon=":material/support_agent:")

if recommendation.changes:
    st.markdown("**Fitted to you**")
    st.markdown("\n".join(
        f"- {change_item.because}:\n" + "\n".join(f"  - {text}" for text in change_item.what)
        for change_item in recommendation.changes
    ))

if st.button("See your week-by-week plan", type="primary", icon=":material/calendar_month:", width="stretch"):
    st.switch_page("pages/program.py")
st.caption(questionnaire.guide_note)
left, right = st.columns(2)
left.button("Change my answers", on_click=go, args=("review",), icon=":material/edit:", width="stretch")
right.button("Start again", on_click=start_again, icon=":material/restart_alt:", width="stretch")
