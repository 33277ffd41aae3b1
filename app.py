"""Spinewell's entry point: page config, the navigation over pages/, and the sidebar disclaimer."""

import streamlit as st

from spinewell import ui

st.set_page_config(page_title="Spinewell: exercise for back pain", page_icon="🌿", layout="wide")

pages = {
    "Spinewell": [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/learn.py", title="Learn", icon=":material/school:"),
        st.Page("pages/exercises.py", title="Exercise library", icon=":material/fitness_center:"),
    ],
    "Your plan": [
        st.Page("pages/assessment.py", title="Self-assessment", icon=":material/checklist:"),
        st.Page("pages/program.py", title="Your program", icon=":material/calendar_month:"),
        st.Page("pages/log.py", title="Pain and activity log", icon=":material/monitoring:"),
    ],
    "About": [
        st.Page("pages/about.py", title="About and sources", icon=":material/info:"),
    ],
}

page = st.navigation(pages)
ui.disclaimer()
page.run()
