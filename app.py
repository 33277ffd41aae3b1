"""Spinewell's entry point: page config, the navigation over the page registry, and the sidebar disclaimer."""

import streamlit as st

from spinewell.ui import cache, navigation, widgets

st.set_page_config(page_title="Spinewell: exercise for back pain", page_icon="🌿", layout="wide")
cache.content()  # broken content stops here, on whichever page is opened first, naming the file and field
page = st.navigation(navigation.navigation_pages())
widgets.disclaimer()
page.run()
