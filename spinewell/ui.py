"""The few Streamlit helpers the pages share: cached loaders, session-state keys and the disclaimer."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from spinewell import content as content_module

# Session-state keys. Answers live under non-widget keys because Streamlit drops widget keys on a page switch.
ANSWERS = "spinewell.answers"
SCREEN = "spinewell.screen"
RECOMMENDATION = "spinewell.recommendation"
CHOSEN_PLAN = "spinewell.chosen_plan"
LOG_SESSION_ROWS = "spinewell.log_session_rows"
QUIZ_PREFIX = "spinewell.quiz."

DISCLAIMER = (
    "Spinewell is for education and self-help. It does not diagnose, and it does not replace a doctor or "
    "physiotherapist. If you have severe, new or worsening symptoms, get medical help."
)
EMERGENCY_HINT = (
    "Numbness around the genitals or buttocks, new trouble passing urine, loss of bladder or bowel control, "
    "or weakness in both legs: call your emergency number now."
)


@st.cache_resource(show_spinner=False)
def _load_content(content_dir: str) -> content_module.Content:
    return content_module.load(Path(content_dir))


_rerouted_first_request = False


def _route_through_app() -> None:
    """Make sure a deep link opened first on a fresh server goes through app.py's navigation.

    Streamlit decides once per process whether the app uses the legacy `pages/` folder, and until app.py has called
    st.navigation in some session it runs a deep-linked page (e.g. /program) on its own: no disclaimer, no page
    titles, file names in the sidebar. Clearing that flag and rerunning sends this request through app.py. It is
    done once per process: AppTest sets the flag afresh before every run, and a rerun there would swallow clicks.
    """
    global _rerouted_first_request
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not _rerouted_first_request:
        _rerouted_first_request = True
        PagesManager.uses_pages_directory = False
        st.rerun()


def content() -> content_module.Content:
    """The validated content for a page (every page starts here); on a content error, show what is wrong and stop."""
    _route_through_app()
    try:
        return _load_content(os.environ.get("SPINEWELL_CONTENT") or str(content_module.CONTENT_DIR))
    except content_module.ContentError as error:
        st.error(
            f"The app's content could not be loaded.\n\n**File:** `{error.file}`  \n**Field:** `{error.field}`  \n"
            f"**Problem:** {error.problem}\n\nFix the file in the `content/` folder and reload the page."
        )
        st.stop()


# The ways into the app shown on Home: page file, label, icon, one line. Pages join this list when they exist.
WAYS_IN = (
    ("pages/learn.py", "Learn how exercise helps", ":material/school:",
     "Short lessons on what happens in your body, with a quick question after each."),
    ("pages/exercises.py", "Browse the exercise library", ":material/fitness_center:",
     "Step-by-step instructions, starting doses, easier and harder versions, and when to stop."),
)


def ways_in() -> tuple[tuple[str, str, str, str], ...]:
    """The Home page's ways in, including those the assessment and log sections add."""
    return WAYS_IN + ASSESSMENT_WAYS_IN + LOG_WAYS_IN


def disclaimer() -> None:
    """The education-not-diagnosis notice shown in the sidebar of every page."""
    st.sidebar.caption(DISCLAIMER)
    st.sidebar.caption(EMERGENCY_HINT)


def exercise_links(content: content_module.Content, exercise_ids: tuple[str, ...] | list[str]) -> None:
    """A row of links, one per exercise, each opening its card in the exercise library."""
    columns = st.columns(max(len(exercise_ids), 1))
    for column, exercise_id in zip(columns, exercise_ids, strict=False):
        exercise = content.exercise(exercise_id)
        column.page_link(
            "pages/exercises.py",
            label=f"{exercise.name} ({exercise.dose.describe()})",
            icon=":material/arrow_forward:",
            query_params={"exercise": exercise.id},
        )


def evidence_note(content: content_module.Content, note: content_module.EvidenceNote) -> None:
    """A note on what the research says, with its sources by name and year."""
    cited = "; ".join(f"{content.source(s).authors} {content.source(s).year}" for s in note.sources)
    st.info(f"**What the research says.** {note.text}  \n*Sources: {cited}*", icon=":material/menu_book:")


def quiz(quiz_id: str, item: content_module.Quiz) -> None:
    """A check-your-understanding question with immediate feedback and the explanation."""
    st.markdown("**Check your understanding**")
    choice = st.radio(
        item.question, item.options, index=None, key=f"{QUIZ_PREFIX}{quiz_id}", persist_state="session"
    )
    if choice is None:
        return
    if choice == item.answer:
        st.success(f"Correct. {item.explanation}", icon=":material/check_circle:")
    else:
        st.warning(f"Not quite: the answer is “{item.answer}”. {item.explanation}", icon=":material/lightbulb:")


EQUIPMENT_NOTES = {"none": "No equipment", "pool": "Needs a pool", "bike": "Needs a bike or exercise bike"}


def exercise_card(
    content: content_module.Content, exercise: content_module.Exercise, highlighted: bool = False
) -> None:
    """One exercise as a card: picture, dose, numbered steps, easier and harder versions, mistakes, when to stop."""
    with st.container(border=True, key=f"card-{exercise.id}"):
        if highlighted:
            st.caption(":material/arrow_downward: The exercise you opened")
        st.subheader(exercise.name, anchor=exercise.id)
        where = "on the floor" if exercise.needs_floor else "no floor needed"
        st.caption(f"{content.type(exercise.type).name} · {where} · {EQUIPMENT_NOTES[exercise.equipment]}")
        picture, words = st.columns([1, 2])
        with picture:
            if exercise.illustration is not None:
                st.image(str(exercise.illustration), width="stretch", alt=f"Drawing of the {exercise.name}")
            st.markdown("**Works:** " + ", ".join(exercise.muscles))
        with words:
            st.markdown(exercise.summary)
            dose = f"**Starting dose:** {exercise.dose.describe()}"
            if exercise.dose.note:
                dose += f" ({exercise.dose.note})"
            st.success(dose, icon=":material/timer:")
            st.markdown("\n".join(f"{number}. {step}" for number, step in enumerate(exercise.steps, start=1)))
        easier, harder = st.columns(2)
        easier.markdown(f"**Easier:** {exercise.easier}")
        harder.markdown(f"**Harder:** {exercise.harder}")
        mistakes, stop = st.columns(2)
        with mistakes:
            st.markdown("**Common mistakes**")
            st.markdown("\n".join(f"- {item}" for item in exercise.mistakes))
        with stop:
            st.error(
                "**Stop and get advice if**\n" + "\n".join(f"- {item}" for item in exercise.stop_if),
                icon=":material/front_hand:",
            )
        if exercise.evidence is not None:
            evidence_note(content, exercise.evidence)


# --- assessment ---
# SCREEN holds the tuple of ticked red-flag ids (empty: "none of these"; absent: not done). ANSWERS holds the
# questionnaire's answers by question id. Both are plain session values, never widget keys.
ASSESS_STEP = "spinewell.assess.step"  # "screen", a question id, "review" or "result"
ASSESS_FROM_REVIEW = "spinewell.assess.from_review"  # a "Change" on the review step: Next returns to the review
ASSESS_PROMPT = "spinewell.assess.prompt"  # the step whose missing answer should be pointed out
PLAN_START = "spinewell.plan.start"
PLAN_WEEKS = "spinewell.plan.weeks"

ASSESSMENT_WAYS_IN: tuple[tuple[str, str, str, str], ...] = (
    ("pages/assessment.py", "Take the self-assessment", ":material/checklist:",
     "A safety check and a few short questions choose a starter program, tell you why, and plan your weeks."),
)


def assessment_answers(content: content_module.Content) -> dict[str, object]:
    """The screen and questionnaire answers together, as `assessment.recommend` takes them."""
    answers = dict(st.session_state.get(ANSWERS, {}))
    answers[content.questionnaire.screen.id] = st.session_state.get(SCREEN)
    return answers


def forget_result() -> None:
    """Drop the recommendation and the plan built from it: called whenever an answer changes."""
    st.session_state.pop(RECOMMENDATION, None)
    st.session_state.pop(CHOSEN_PLAN, None)


def current_recommendation(content: content_module.Content):
    """The stored recommendation if it was made from exactly the current answers, else None (and it is dropped)."""
    from spinewell import assessment

    recommendation = st.session_state.get(RECOMMENDATION)
    if recommendation is not None and not assessment.is_current(recommendation, assessment_answers(content)):
        forget_result()
        return None
    return recommendation


# --- log ---
# LOG_SESSION_ROWS holds {source key: [painlog.LogEntry, ...]}: entries kept in the session (not saved to disk)
# because the log shown was uploaded or local saving is off. LOG_LAST_SAVE holds the painlog.AppendReceipt of the
# last entry saved to the local log (what "Undo" removes); LOG_FLASH a message to show once after a rerun.
LOG_LAST_SAVE = "spinewell.log.last_save"
LOG_FLASH = "spinewell.log.flash"
SAMPLE_LOG = Path(__file__).resolve().parent.parent / "content" / "sample_log.csv"

LOG_WAYS_IN: tuple[tuple[str, str, str, str], ...] = (
    ("pages/log.py", "Track your pain and exercise", ":material/monitoring:",
     "Log how you feel and what you did, or upload a spreadsheet, and see whether your pain is going down."),
)


@st.cache_data(scope="session", show_spinner="Reading the log…", max_entries=6)
def parsed_log(data: bytes, date_order: str = "auto", today: dt.date | None = None):
    """painlog.read() cached per session on the file's bytes and today's date.

    A person's own data never leaves their session. The date is part of the key so that after midnight a row dated
    the new day is no longer kept out as "in the future".
    """
    from spinewell import painlog

    return painlog.read(data, date_order=date_order, today=today or dt.date.today())


@st.cache_data(scope="session", show_spinner="Working out your weekly figures…", max_entries=6)
def log_days(data: bytes, date_order: str, added: tuple, lookup: tuple[tuple[str, str], ...]):
    """The day table (analysis.day_table) of a log plus the entries added in this session, and the combined log."""
    from spinewell import analysis, painlog

    frame = painlog.with_entries(parsed_log(data, date_order, dt.date.today()).frame, added)
    return frame, analysis.day_table(frame, dict(lookup))


def literal(text: str) -> str:
    """User text (a file name, a column header, a typed exercise) made safe to place inside Markdown: every
    Markdown, HTML, emoji-shortcode and LaTeX character is backslash-escaped and line breaks become spaces."""
    import re

    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])", r"\\\1", " ".join(str(text).split()))


@st.cache_data(show_spinner=False)
def sample_log_bytes() -> bytes:
    """The bundled sample log (made-up entries, the same for everyone, so cached globally)."""
    return SAMPLE_LOG.read_bytes()
