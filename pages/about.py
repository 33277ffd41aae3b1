"""About: the sources behind the content, privacy, the disclaimer, and how to edit the content."""

import streamlit as st

from spinewell.ui import bundle_panel, cache, storage, widgets

content = cache.content()

st.title("About Spinewell")

st.header("Not a diagnosis")
st.markdown(
    f"{content.questionnaire.safety.disclaimer} The self-assessment is a guide written for this app; it is **not** a "
    "validated clinical score. If you are unsure whether exercise is safe for you, ask a GP or physiotherapist "
    "before you start."
)
widgets.warning_signs(content.questionnaire.screen)

st.header("Privacy")
st.page_link("pages/privacy.py", label="Your data: what is kept where, download it, load it back or delete it",
             icon=":material/shield_person:")
st.markdown("- No account, no usage statistics, no tracking, and no requests to other websites: the app and "
            "everything it shows are served from the computer it runs on.\n"
            f"- {storage.where_kept_in_words(bundle_panel.settings())}\n"
            "- A file you upload to the log page stays in your session; it is not saved anywhere.")

st.header("Where the content comes from")
st.markdown(
    "The lessons and exercises are written for Spinewell in plain language. They follow the clinical guidelines "
    "and reviews below. Where the research is more careful than popular advice, the lesson says so in a "
    "*What the research says* note."
)
for source in content.sources:
    with st.container(border=True):
        st.markdown(f"**{source.title}**  \n{source.authors} ({source.when}). {source.publisher}.")
        if source.note:
            st.caption(source.note)
        if source.url:
            st.caption(f"Link: {source.url}")

st.header("Editing the content")
st.markdown(
    "Everything you read in the app lives in YAML files in the `content/` folder, so a clinician can change it "
    "without touching code:\n\n"
    "| File | What it holds |\n|---|---|\n"
    "| `learn.yaml` | the lessons, their evidence notes and questions |\n"
    "| `exercises.yaml` | the exercise types, the targets, and each exercise card |\n"
    "| `questionnaire.yaml`, `programs.yaml` | the self-assessment questions, rules and starter programs |\n"
    "| `sources.yaml` | the references cited above |\n\n"
    "The app checks every file when it starts. If something is wrong, it names the file and the field to fix "
    "instead of starting with broken content."
)
