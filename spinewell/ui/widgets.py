"""The widgets pages share: disclaimer, warning signs, evidence notes, quizzes, the lesson progress list and steps,
focus, safe text (the exercise cards are in spinewell.ui.exercise_cards)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import streamlit as st

from spinewell.content.models import Content, EvidenceNote, Quiz
from spinewell.content.screen import LEVELS, ReferralAdvice, Screen
from spinewell.lessons import Place, Stop
from spinewell.ui import cache
from spinewell.ui.state import QUIZ_PREFIX

WORD_JOINER = "\u2060"  # invisible; breaks the patterns Markdown would turn into links or icons (see literal)


# How each level looks wherever it appears: the kind of box and its icon.
LEVEL_BOXES = {
    "emergency": (st.error, ":material/emergency:"),
    "same_day": (st.warning, ":material/local_hospital:"),
    "urgent": (st.warning, ":material/medical_services:"),
    "surgical_team": (st.warning, ":material/medical_services:"),
    "routine": (st.info, ":material/info:"),
}


def call_link(advice: ReferralAdvice) -> str:
    """A level's call line (its tel: link) as every page writes it: the same words, the same look."""
    return f"**{advice.call}**" if advice.call else ""


def emergency_line(screen: Screen, emergency: str) -> str:
    """The short line on emergencies (safety.emergency) followed by the emergency call link."""
    return f"{emergency} {call_link(screen.advice_for('emergency'))}"


def disclaimer() -> None:
    """The education-not-diagnosis notice and the line on emergencies with its call link, in every sidebar; the
    emergency line again at the foot of the main column, for a phone, where the sidebar is closed."""
    questionnaire = cache.content().questionnaire
    line = emergency_line(questionnaire.screen, questionnaire.safety.emergency)
    st.sidebar.caption(questionnaire.safety.disclaimer)
    st.sidebar.caption(line)
    _emergency_foot(line)


# Drawn before the page (a page's st.stop would end the run before a foot drawn after it), and shown last: the main
# column is a flex column, so `order` moves the line to its foot. Should the style ever not apply, the line shows
# at the top instead: still on the page.
_FOOT_STYLE = """<style>
[data-testid="stMain"] [data-testid="stVerticalBlock"] > :has(> .st-key-emergency-foot),
[data-testid="stMain"] [data-testid="stVerticalBlock"] > .st-key-emergency-foot { order: 9999; }
</style>"""


def _emergency_foot(line: str) -> None:
    with st.container(key="emergency-foot"):
        st.html(_FOOT_STYLE)
        st.divider()
        st.markdown(f":material/emergency: {line}")


def referral(advice: ReferralAdvice, extra: tuple[str, ...] = ()) -> None:
    """A level's advice as the result shows it: the title, the message, the call link, then what to do."""
    box, icon = LEVEL_BOXES[advice.level]
    to_do = "\n".join(f"- {line}" for line in (*advice.steps, *extra))
    call = f"\n\n{call_link(advice)}" if advice.call else ""
    box(f"## {advice.title}\n\n{advice.message}{call}\n\n{to_do}", icon=icon)


def warning_signs(screen: Screen) -> None:
    """The screen's flags and combinations, most serious first, each level under its advice title and with its call
    link: the same words as the screen and the result."""
    for level in LEVELS:
        signs = [flag.label for flag in screen.flags_at(level)] + [c.label for c in screen.combinations_at(level)]
        if not signs:
            continue
        advice = screen.advice_for(level)
        box, icon = LEVEL_BOXES[level]
        listed = "\n".join(f"- {sign}" for sign in signs)
        call = f"\n\n{call_link(advice)}" if advice.call else ""
        box(f"**{advice.title}**\n\nIf any of these is true for you:\n{listed}{call}", icon=icon)


def evidence_note(content: Content, note: EvidenceNote) -> None:
    """A note on what the research says, with its sources by name and year (or, for a web page, access date)."""
    cited = "; ".join(content.source(s).short_citation() for s in note.sources)
    st.info(f"**What the research says.** {note.text}  \n*Sources: {cited}*", icon=":material/menu_book:")


def quiz(quiz_id: str, item: Quiz) -> None:
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


def lesson_progress(stops: Sequence[Stop], place: Place, open_lesson: Callable[[str], None]) -> None:
    """Where the reader is (a bar and "Lesson 3 of 14"), and every lesson in a list that opens any of them."""
    st.progress(place.number / place.total, text=f"Lesson {place.number} of {place.total}")
    with st.expander(f"All {place.total} lessons", icon=":material/list:"):
        st.caption("A tick means you have answered that lesson's question on this visit; an open eye, that you "
                   "have read it before.")
        for stop in stops:
            label = f"{stop.number}. {stop.lesson.title}"
            if stop.is_open:
                st.markdown(f":material/arrow_right: **{label}** (open now)")
            else:
                st.button(
                    label, key=f"learn.open.{stop.lesson.id}", type="tertiary", on_click=open_lesson,
                    args=(stop.lesson.id,),
                    icon=":material/check_circle:" if stop.answered
                    else ":material/visibility:" if stop.read else ":material/radio_button_unchecked:",
                )


FOCUS_RUNS = "widgets.focus_runs"  # counts the moves, so each move's script differs and the browser runs it again

# Waits for the run to settle (the page keeps the last run's elements, marked stale, until then), focuses the target
# and scrolls it into view only when it is not fully in view already (under Streamlit's top bar counts as out).
_FOCUS_SCRIPT = """<script>/* move %(move)d */(() => {
const wanted = ['%(heading)s', '%(message)s'];
let tries = 0;
const settled = () => !document.querySelector('[data-stale="true"]')
  && document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]');
const fresh = (selector) => [...document.querySelectorAll(selector)].find(node => !node.closest('[data-stale="true"]'));
const find = () => fresh(wanted[0]) || fresh(wanted[1]);
const move = () => {
  const target = find();
  if (!target || !settled()) { if (tries++ < 100) setTimeout(move, 50); return; }
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({preventScroll: true});
  const box = target.getBoundingClientRect();
  const bar = document.querySelector('[data-testid=stHeader]');
  const top = bar ? bar.getBoundingClientRect().bottom : 0;
  if (box.top < top || box.bottom > window.innerHeight) {
    target.style.scrollMarginTop = (top + 16) + 'px';
    target.scrollIntoView({block: 'start'});
  }
};
move();
})();</script>"""


def bring_into_view(container_key: str) -> None:
    """Move the focus to the heading of the container keyed `container_key` (or, without one, its first message),
    scrolling it into view only if it is not in view already.

    After a step (Next, Continue, Save) Streamlit keeps the focus on the pressed button or drops it to the page, and
    after "Next lesson" at the foot of a long lesson the browser stays scrolled down. Streamlit has no scroll or focus
    command, so a fixed script does it; the key is one of ours (letters, digits and dashes), never text a person typed.
    """
    if not re.fullmatch(r"[a-z0-9-]+", container_key):
        raise ValueError(f"not a container key: {container_key!r}")
    st.session_state[FOCUS_RUNS] = st.session_state.get(FOCUS_RUNS, 0) + 1
    scope = f".st-key-{container_key}"
    headings = f"{scope} h1, {scope} h2, {scope} h3"
    st.html(_FOCUS_SCRIPT % {"move": st.session_state[FOCUS_RUNS], "heading": headings,
                             "message": f"{scope} [data-testid=stAlert]"}, unsafe_allow_javascript=True)


def lesson_steps(place: Place, open_lesson: Callable[[str], None]) -> None:
    """Previous and Next lesson buttons under a lesson, with the title of the lesson Next opens."""
    where = f"Lesson {place.number} of {place.total}."
    if place.next is not None:
        st.caption(f"{where} Next: {place.number + 1}. {place.next.title}")
    else:
        st.caption(f"{where} That was the last lesson. You can open any lesson again from the list at the top.")
    with st.container(horizontal=True, key="lesson-steps"):  # wide buttons: easy to hit with a thumb
        if place.previous is not None:
            st.button("Previous", icon=":material/arrow_back:", on_click=open_lesson, args=(place.previous.id,),
                      width="stretch")
        if place.next is not None:
            st.button("Next lesson", icon=":material/arrow_forward:", icon_position="right", type="primary",
                      on_click=open_lesson, args=(place.next.id,), width="stretch")


def literal(text: str) -> str:
    """User text (a file name, a column header, a typed exercise) made safe to place inside Markdown.

    Every Markdown, HTML and LaTeX character is backslash-escaped and line breaks become spaces. Escaping is not
    enough for what the browser's Markdown finds in plain text after escapes are resolved (web addresses, e-mail
    addresses, :material/icon: shortcodes), so an invisible word joiner goes before each ':', '@', '.' and '/', which
    breaks those patterns without changing what the person reads.
    """
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-!|<>~$&])", r"\\\1", " ".join(str(text).split()))
    return re.sub(r"([:@./])", WORD_JOINER + r"\1", escaped)
