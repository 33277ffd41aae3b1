"""Learn: why and how exercise relieves back pain, one short section at a time, each with a question."""

import streamlit as st

from spinewell.ui import cache, widgets

content = cache.content()

st.title("Learn how exercise helps your back")
st.caption(
    f"{len(content.learn)} short lessons in plain language, one per tab (on a phone, swipe the tabs sideways). "
    "Each ends with one question to check your understanding; nothing is recorded or scored."
)

tabs = st.tabs([f"{number}. {section.title}" for number, section in enumerate(content.learn, start=1)])
for number, (tab, section) in enumerate(zip(tabs, content.learn, strict=True), start=1):
    with tab:
        st.markdown(f"*{section.summary}*")
        st.markdown(section.body)

        if section.points:
            columns = st.columns(min(len(section.points), 2))
            for index, point in enumerate(section.points):
                with columns[index % len(columns)].container(border=True):
                    st.markdown(f"**{point.title}**")
                    st.markdown(point.text)

        if section.show_warning_signs:
            widgets.warning_signs(content.questionnaire.screen)

        if section.routine:
            st.markdown("#### Your routine, step by step")
            for number, step in enumerate(section.routine, start=1):
                with st.container(border=True):
                    st.markdown(f"**{number}. {step.name}**: {step.text}")
                    widgets.exercise_links(content, step.exercises)

        if section.exercises and not section.routine:
            for type_ in content.compared_types():
                in_type = [e for e in section.exercises if content.exercise(e).type == type_.id]
                if in_type:
                    st.markdown(f"**{type_.name}**: {type_.description}")
                    widgets.exercise_links(content, in_type)

        if section.show_comparison:
            st.markdown("#### Comparing the three types")
            st.table(
                [
                    {"Type of exercise": t.name, "Main benefit": t.main_benefit, "Recommended frequency": t.frequency}
                    for t in content.compared_types()
                ]
            )

        for note in section.evidence_notes:
            widgets.evidence_note(content, note)

        st.divider()
        widgets.quiz(section.id, section.quiz)
        if number < len(content.learn):
            st.caption(f"Next lesson: {number + 1}. {content.learn[number].title}, in the tabs at the top.")
