"""The page registry, written once: app.py's navigation, Home's ways in and the deep-link reroute all read it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageEntry:
    """One page: its script, its title in the navigation, its section, and how Home offers it (if it does)."""

    path: str
    title: str
    icon: str
    section: str
    way_in: str = ""  # Home's link text; empty: Home does not offer this page
    way_in_line: str = ""  # one line under Home's link
    hidden: bool = False  # reached from another page (not listed in the navigation)


PAGES = (
    PageEntry("pages/home.py", "Home", ":material/home:", "Spinewell"),
    PageEntry("pages/learn.py", "Learn", ":material/school:", "Spinewell", "Learn how exercise helps",
              "Short lessons on back pain and exercise, one at a time, with a quick question after each."),
    PageEntry("pages/exercises.py", "Exercise library", ":material/fitness_center:", "Spinewell",
              "Browse the exercise library",
              "Step-by-step instructions, starting doses, easier and harder versions, and when to stop."),
    PageEntry("pages/today.py", "Today", ":material/today:", "Your plan"),
    PageEntry("pages/session.py", "Guided session", ":material/timer:", "Your plan", hidden=True),
    PageEntry("pages/assessment.py", "Self-assessment", ":material/checklist:", "Your plan",
              "Take the self-assessment",
              "A safety check and a few short questions choose a starter program, tell you why, and plan your weeks."),
    PageEntry("pages/program.py", "Your program", ":material/calendar_month:", "Your plan"),
    PageEntry("pages/log.py", "Pain and activity log", ":material/monitoring:", "Your plan",
              "Track your pain and exercise",
              "Log how you feel and what you did, or upload a spreadsheet, and see whether your pain is going down."),
    PageEntry("pages/about.py", "About and sources", ":material/info:", "About"),
    PageEntry("pages/privacy.py", "Your data and privacy", ":material/shield_person:", "About"),
)


def navigation_pages() -> dict[str, list[st.Page]]:
    """The registry as st.navigation takes it: pages grouped by section, in order, Home the default."""
    sections: dict[str, list[st.Page]] = {}
    for entry in PAGES:
        page = st.Page(entry.path, title=entry.title, icon=entry.icon, default=entry is PAGES[0],
                       visibility="hidden" if entry.hidden else "visible")
        sections.setdefault(entry.section, []).append(page)
    return sections


def ways_in() -> tuple[PageEntry, ...]:
    """The pages Home offers as a first step, in registry order."""
    return tuple(entry for entry in PAGES if entry.way_in)


_rerouted_first_request = False


def route_through_app() -> None:
    """Make sure a deep link opened first on a fresh server goes through app.py's navigation.

    A `pages/` folder beside app.py makes Streamlit (1.67) run a deep-linked page such as /program on its own until
    some session has called st.navigation: no disclaimer, no titles, file names in the sidebar. Clearing that
    once-per-process flag and rerunning sends this request through app.py. It is done once per process.
    """
    global _rerouted_first_request
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not _rerouted_first_request:
        _rerouted_first_request = True
        PagesManager.uses_pages_directory = False
        st.rerun()
