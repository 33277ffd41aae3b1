"""The only Streamlit code outside pages/: the page registry, session state, caches and shared widgets."""
