"""Home: what Spinewell is and is not, and the ways in."""

import streamlit as st

from spinewell.ui import cache, cards, navigation, state, storage, widgets

content = cache.content()

returning = state.assessment_flow(content).current_program() is not None  # a person with a plan
if returning and state.is_first_run():  # opening the app: Today first; Home stays in the menu for later
    st.switch_page("pages/today.py")

st.title("Spinewell")
with st.container(border=True, key="home-first-step"):  # one clear first step, above the fold on a phone
    if returning:
        st.markdown("**Welcome back.** Your sessions for today, and how your week is going, are on the Today page.")
        if st.button("Go to today", type="primary", icon=":material/today:", key="home.today", width="stretch"):
            st.switch_page("pages/today.py")
    else:
        st.markdown("**New here?** Answer a few short questions and get an exercise plan that fits you.")
        if st.button("Start: a 3-minute check, then your plan", type="primary", icon=":material/arrow_forward:",
                     icon_position="right", key="home.start", width="stretch"):
            st.switch_page("pages/assessment.py")
st.header("Exercise for back pain, explained and planned, at your own pace", anchor=False)
st.markdown(
    "Most back pain is not caused by serious damage, and staying active is one of the best things you can do "
    "about it. Spinewell explains **why** movement helps, shows **how** to do each exercise safely, and helps you "
    "build and keep a routine."
)

safety = content.questionnaire.safety
emergency = widgets.emergency_line(content.questionnaire.screen, safety.emergency)
st.info(f"**What this app is not.** {safety.disclaimer} {emergency}", icon=":material/health_and_safety:")
st.markdown(f"**Adults only.** {safety.adults_only}")

st.subheader("Where would you like to start?", anchor=False)
with cards.card_row("home-ways-in"):
    for entry in navigation.ways_in():
        cards.card_link(entry.path.removeprefix("pages/").removesuffix(".py"), entry.path, entry.way_in,
                        entry.way_in_line, icon=entry.icon)

st.subheader("At a glance", anchor=False)
with cards.card_row("home-at-a-glance"):  # a list of small cards, not a table: it fits the narrowest phone
    for kind in content.compared_types():
        with st.container(border=True):
            st.markdown(f"**{kind.name}**  \n{kind.main_benefit}  \n*How often:* {kind.frequency}")
st.caption(
    f"{len(content.exercises)} exercises in the library, {len(content.learn)} short lessons. "
    f"{storage.where_kept_short()}"
)
