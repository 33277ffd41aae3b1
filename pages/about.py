"""About: the sources behind the content, privacy, the disclaimer, and how to edit the content."""

import streamlit as st

from spinewell.ui import cache, widgets

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
st.markdown(
    "- No account, no usage statistics, no tracking, and no requests to other websites: the app and everything "
    "it shows are served from the computer it runs on.\n"
    "- Your safety check, answers, plan and progress are kept in one file on the computer running the app "
    "(`profile.json` in the data folder, beside the log), so they are still there when you come back. Whoever "
    "runs the app can keep nothing instead with `SPINEWELL_STORAGE=session`: then they are gone when you close "
    "the tab, and \"Download everything\" in the sidebar gives you a copy.\n"
    "- A file you upload to the log page stays in your session; it is not saved anywhere.\n"
    "- Entries you add to the local log are saved in one CSV file on the computer running the app "
    "(`data/pain_log.csv`, or the path in the `SPINEWELL_LOG` setting). Whoever runs the app can turn saving off "
    "with `SPINEWELL_LOG=off`; then you download your entries instead."
)

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
