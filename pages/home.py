"""Home: what Spinewell is and is not, and the ways in."""

import streamlit as st

from spinewell.ui import cache, navigation, state, widgets

content = cache.content()

returning = state.assessment_flow(content).current_program() is not None  # a person with a plan
if returning and state.is_first_run():  # opening the app: Today first; Home stays in the menu for later
    st.switch_page("pages/today.py")

st.title("Spinewell")
if returning:
    with st.container(border=True, key="home-today"):
        st.markdown("**Welcome back.** Your sessions for today, and how your week is going, are on the Today page.")
        if st.button("Go to today", type="primary", icon=":material/today:", key="home.today"):
            st.switch_page("pages/today.py")
st.subheader("Exercise for back pain, explained and planned, at your own pace")
st.markdown(
    "Most back pain is not caused by serious damage, and staying active is one of the best things you can do "
    "about it. Spinewell explains **why** movement helps, shows **how** to do each exercise safely, and helps you "
    "build and keep a routine."
)

safety = content.questionnaire.safety
emergency = widgets.emergency_line(content.questionnaire.screen, safety.emergency)
st.info(f"**What this app is not.** {safety.disclaimer} {emergency}", icon=":material/health_and_safety:")
st.markdown(f"**Adults only.** {safety.adults_only}")

st.markdown("### Where would you like to start?")
for entry in navigation.ways_in():
    with st.container(border=True):
        st.page_link(entry.path, label=entry.way_in, icon=entry.icon)
        st.caption(entry.way_in_line)

st.markdown("### At a glance")
table = [
    {"Type of exercise": t.name, "Main benefit": t.main_benefit, "How often": t.frequency}
    for t in content.compared_types()
]
st.table(table)
st.caption(
    f"{len(content.exercises)} exercises in the library, {len(content.learn)} short lessons. "
    "Everything stays on your computer: no account, no tracking."
)
