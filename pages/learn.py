"""Learn: back pain and exercise, one short lesson at a time, each with a question; `?lesson=<id>` opens one."""

import streamlit as st

from spinewell.ui import cache, exercise_cards, state, widgets

content = cache.content()
course = state.course(content)


def open_lesson(lesson_id: str) -> None:
    # The address is what names the open lesson, so a button only changes the address.
    st.query_params["lesson"] = lesson_id


requested = st.query_params.get("lesson")
place = course.open(requested)
st.query_params["lesson"] = place.lesson.id  # the address always names the open lesson: it can be bookmarked

st.title("Learn about back pain and exercise")
st.caption(
    f"{place.total} short lessons in plain language, one at a time. Each ends with a question to check your "
    "understanding. Nothing is scored, and your answers stay only while this tab is open; the list of lessons "
    "shows which ones you have opened."
)
if requested is not None and not course.has(requested):
    st.warning("That lesson is not in the course, so here is the lesson you were on.")
widgets.lesson_progress(course.stops(), place, open_lesson)

lesson = place.lesson
with st.container(key=f"lesson-{lesson.id}"):  # a new container per lesson, so the browser meets a new heading
    st.header(f"{place.number}. {lesson.title}", anchor="lesson")
    if place.moved:
        widgets.bring_into_view(f"lesson-{lesson.id}")
    st.markdown(f"*{lesson.summary}*")
    st.markdown(lesson.body)

    if lesson.points:
        columns = st.columns(min(len(lesson.points), 2))
        for index, point in enumerate(lesson.points):
            with columns[index % len(columns)].container(border=True):
                st.markdown(f"**{point.title}**")
                st.markdown(point.text)

    if lesson.show_warning_signs:
        widgets.warning_signs(content.questionnaire.screen)

    if lesson.routine:
        st.markdown("#### Your routine, step by step")
        for number, step in enumerate(lesson.routine, start=1):
            with st.container(border=True):
                st.markdown(f"**{number}. {step.name}**: {step.text}")
                exercise_cards.exercise_links(content, step.exercises, "lesson")

    if lesson.exercises and not lesson.routine:
        for type_ in content.compared_types():
            in_type = [e for e in lesson.exercises if content.exercise(e).type == type_.id]
            if in_type:
                st.markdown(f"**{type_.name}**")
                exercise_cards.exercise_links(content, in_type, "lesson")

    if lesson.show_comparison:
        st.markdown("#### Comparing the three types")
        st.table(
            [
                {"Type of exercise": t.name, "Main benefit": t.main_benefit, "Recommended frequency": t.frequency}
                for t in content.compared_types()
            ]
        )

    for note in lesson.evidence_notes:
        widgets.evidence_note(content, note)

    st.divider()
    widgets.quiz(lesson.id, lesson.quiz)

widgets.lesson_steps(place, open_lesson)
