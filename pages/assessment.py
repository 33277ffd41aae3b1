"""Self-assessment: the safety screen, then one question at a time, a review, and the result with its reasons."""

import datetime as dt
from contextlib import contextmanager

import streamlit as st

from spinewell.assessment.recommend import IncompleteAnswers
from spinewell.assessment.steps import (
    CONFIRM,
    DOCTOR_CHECK_KEY,
    NONE_FLAG_KEY,
    REVIEW,
    SCREEN_STEP,
    flag_key,
    none_key,
    option_key,
    question_key,
)
from spinewell.ui import cache, goals_panel, state, widgets

content = cache.content()
questionnaire = content.questionnaire
screen = questionnaire.screen
flow = state.assessment_flow(content)
step = flow.current_step()  # nothing gets past the safety screen, whatever the session holds
prompt = flow.prompt(step)
INFO = ":material/info:"
DRAWN = "assess.drawn_step"  # the step the last run drew: a different one now means the person moved


@contextmanager
def step_start():
    """The start of the step (its heading, or the result's box) in a container of its own. After a move (Continue,
    Next, Back, Change, See my result) the focus goes there, so a keyboard or screen-reader user carries on from the
    new step's start."""
    key = f"assess-{step}".lower().replace("_", "-")
    with st.container(key=key):
        yield
    if st.session_state.get(DRAWN, step) != step:
        widgets.bring_into_view(key)
    st.session_state[DRAWN] = step


def step_heading(title: str) -> None:
    with step_start():
        st.header(title, anchor=False)


st.title(questionnaire.title)

if step == SCREEN_STEP:
    st.markdown(questionnaire.intro)
    st.info(questionnaire.safety.adults_only, icon=":material/person:")
    st.caption(questionnaire.guide_note)
    st.progress(0.0, text=flow.progress(step).text)
    step_heading(screen.title)
    st.markdown(screen.intro)
    ticked = flow.screen_answer or ()
    with st.form("assess.screen", border=True):
        for group in screen.groups:
            st.markdown(f"### {group.title}")
            if group.intro:
                st.caption(group.intro)
            for flag in group.flags:
                st.checkbox(flag.label, value=flag.id in ticked, key=flag_key(flag.id))
        st.divider()
        st.checkbox(f"**{screen.none_label}**", value=flow.screen_answer == (), key=NONE_FLAG_KEY)
        if prompt:
            st.warning(prompt, icon=INFO)
        st.form_submit_button("Continue", type="primary", on_click=flow.submit_screen, icon=":material/arrow_forward:")
    st.stop()

if step in flow.question_ids:
    question = questionnaire.question(step)
    value = flow.answer(question.id)
    progress = flow.progress(step)
    st.progress(progress.fraction, text=progress.text)
    step_heading(question.title)
    if question.help:
        st.caption(question.help)
    changed = {"on_change": flow.widget_changed, "args": (question.id,)}
    if question.kind == "choice":
        options = [o.id for o in question.options]
        st.radio(question.title, options, index=options.index(value) if value in options else None,
                 format_func=lambda option_id: question.option(option_id).label, key=question_key(question.id),
                 label_visibility="collapsed", **changed)
    elif question.kind == "scale":
        st.segmented_control(question.title, list(range(question.minimum, question.maximum + 1)), default=value,
                             key=question_key(question.id), label_visibility="collapsed", **changed)
        st.caption(f"{question.minimum} = {question.minimum_label} · {question.maximum} = {question.maximum_label}")
    else:
        for option in question.options:
            st.checkbox(option.label, value=bool(value and option.id in value),
                        key=option_key(question.id, option.id), **changed)
        st.checkbox(question.none_label, value=value == (), key=none_key(question.id), **changed)
    if prompt:
        st.warning(prompt, icon=INFO)
    with st.container(horizontal=True):  # side by side on a phone too, Back on the left
        st.button("Back", on_click=flow.previous_step, args=(question.id,), icon=":material/arrow_back:",
                  width="stretch")
        st.button("Back to the review" if flow.from_review else "Next", type="primary", on_click=flow.next_step,
                  args=(question.id,), icon=":material/arrow_forward:", width="stretch")
    st.stop()

if step == REVIEW:
    st.progress(1.0, text=flow.progress(step).text)
    step_heading("Check your answers")
    st.caption("Change anything that is not quite right, then see your result.")
    with st.container(border=True, gap=None):
        for row in flow.review_rows():
            with st.container(horizontal=True, vertical_alignment="center", wrap=False):
                st.markdown(f"**{row.label}:** {row.answer}", width="stretch")
                st.button("Change", key=f"assess.change.{row.step}", on_click=flow.change, args=(row.step,),
                          icon=":material/edit:", type="tertiary")
    st.button("See my result", type="primary", on_click=flow.see_result, icon=":material/check:", width="stretch")
    st.stop()

if step == CONFIRM:  # "I ticked something by mistake" on an emergency or same-day result: are you sure?
    mistake, advice = screen.ticked_by_mistake, screen.advice_for(flow.safety().blocking)
    box, icon = widgets.LEVEL_BOXES[advice.level]
    with step_start():
        box(f"**{mistake.question}**\n\n{widgets.call_link(advice)}", icon=icon)
    with st.container(horizontal=True):
        st.button(mistake.keep, type="primary", on_click=flow.keep_advice, icon=":material/arrow_back:")
        st.button(mistake.confirm, on_click=flow.confirm_mistake, icon=":material/edit:")
    st.stop()

# --- the result ---------------------------------------------------------------------------------------------------

try:
    recommendation = flow.result(dt.date.today())
except IncompleteAnswers as incomplete:  # a stored result step can outlive the answers it needs
    st.warning("A few answers are missing, so there is no result yet.", icon=INFO)
    st.button("Go to the first missing answer", type="primary", on_click=flow.change, args=(incomplete.missing[0],))
    st.stop()

safety = recommendation.safety
if recommendation.is_referral:
    with step_start():
        widgets.referral(recommendation.referral, tuple(r.advice for r in safety.setting_level() if r.advice))
    st.markdown("**Why:** " + " ".join(recommendation.reasons))
    st.caption("There is no exercise program here for now. That is not a judgement on you: it is how the app keeps "
               "people safe.")
    if not safety.asks_again:
        st.page_link("pages/learn.py", label="Read the Learn pages meanwhile", icon=":material/school:")
    if safety.offers_doctor_check:
        st.button(screen.doctor_checked.label, type="primary", on_click=flow.doctor_has_checked,
                  icon=":material/verified:")
    st.button(screen.ticked_by_mistake.button, on_click=flow.ticked_by_mistake, icon=":material/arrow_back:")
    st.stop()

fitted = recommendation.program
st.progress(1.0, text=flow.progress(step).text)
with step_start():
    st.success(f"## Your starter program: {fitted.name}\n\n{fitted.summary}", icon=":material/check_circle:")
st.markdown("**Why this program**")
st.markdown("\n".join(f"- {reason}" for reason in recommendation.reasons))

if recommendation.safety_cautions or recommendation.conditions:
    cautions = [f"- **{c.title}.** {c.text} *{c.reason}*" for c in recommendation.safety_cautions]
    cautions += [f"- **{c.name}.** {c.caution}" for c in recommendation.conditions]
    st.warning("**Before you start**\n\n" + "\n".join(cautions), icon=":material/medical_services:")
if safety.offers_doctor_check:
    st.checkbox(screen.doctor_checked.label, value=flow.doctor_checked, key=DOCTOR_CHECK_KEY,
                on_change=flow.doctor_check_changed)
modifications = [m for c in recommendation.conditions for m in c.modifications]
if modifications:
    st.markdown("**Keep in mind**")
    st.markdown("\n".join(f"- {m}" for m in modifications))

support = recommendation.support
notes = "".join(f"\n\n{note}" for note in recommendation.support_notes)
st.info(f"**{support.title}**\n\n{support.advice}\n\n*{' '.join(recommendation.support_reasons)}*{notes}",
        icon=":material/support_agent:")

if recommendation.changes:
    st.markdown("**Fitted to you**")
    st.markdown("\n".join(
        f"- {change.because}:\n" + "\n".join(f"  - {text}" for text in change.what) for change in recommendation.changes
    ))

goals_panel.on_result()
if st.button("See your week-by-week plan", type="primary", icon=":material/calendar_month:", width="stretch"):
    st.switch_page("pages/program.py")
st.caption(questionnaire.guide_note)
left, right = st.columns(2)
left.button("Change my answers", on_click=flow.go, args=(REVIEW,), icon=":material/edit:", width="stretch")
right.button("Start again", on_click=flow.start_again, icon=":material/restart_alt:", width="stretch")
