"""A tiny app for one browser test: hostile user text drawn with widgets.literal inside Markdown."""

import streamlit as st

from spinewell.ui.widgets import literal
from tests.user_text import HOSTILE_TEXTS

for index, text in enumerate(HOSTILE_TEXTS):
    with st.container(key=f"literal-{index}"):
        st.markdown(f"Shown: {literal(text)}")
