"""Spinewell: learn, assess and track exercise for back pain (the logic behind the Streamlit pages)."""
