"""Spinewell's entry point: page config, the navigation over the page registry, the sidebar disclaimer, and the
profile remembered between visits (loaded on a session's first run, saved after every run)."""

import streamlit as st

from spinewell.ui import cache, look, navigation, state, storage, widgets

st.set_page_config(page_title="Spinewell: exercise for back pain", page_icon="🌿", layout="wide")
cache.content()  # broken content stops here, on whichever page is opened first, naming the file and field
page = st.navigation(navigation.navigation_pages())
st.set_page_config(page_title=f"{page.title} · Spinewell")  # each page its own title in the browser tab
look.stylesheet()
widgets.disclaimer()
state.note_run()
storage.remember()
try:
    page.run()
    storage.after_page()  # hosted: what the page itself changed is written to the browser by one more run
finally:  # st.stop, st.rerun and st.switch_page raise exceptions that pass through here: a save after every run
    storage.save()
