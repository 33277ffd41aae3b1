"""The page stylesheet app.py adds once per run: what the theme options cannot set, for contrast and focus.

Streamlit draws captions at 60% opacity (4.04:1 on white, 3.92:1 in the sidebar where the emergency line sits, 2.96:1
for a link inside one). Here captions are drawn at full opacity in a grey that passes WCAG AA on both backgrounds;
everything that takes the keyboard focus shows a clear outline; the link icons beside headings (invisible tab stops
no one needs: the headings keep their ids) are not drawn, nor is the empty space of a focus script
(widgets.bring_into_view) or of the browser backend's component (ui.browser_store, which shows nothing); a date's
day and month are targets of 24 px at least.
tests/test_look.py checks the colours.
"""

from __future__ import annotations

import streamlit as st

CAPTION_COLOUR = "#4B5563"  # 7.6:1 on white, 6.9:1 on the sidebar's #F1F5F4
FOCUS_COLOUR = "#0B6E69"  # the primary colour: 6.1:1 on white, 5.5:1 on the sidebar

STYLESHEET = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {CAPTION_COLOUR}; }}
[data-testid="stCaptionContainer"] code {{ color: inherit; }}
[data-testid="stCaptionContainer"] a {{ opacity: 1; }}
:is(a, button, input, textarea, select, summary, [role="slider"], [role="radio"], [role="checkbox"],
    [role="option"], [role="tab"], [tabindex]:not([tabindex="-1"])):focus-visible {{
  outline: 3px solid {FOCUS_COLOUR}; outline-offset: 2px;
}}
:is(h1, h2, h3)[tabindex="-1"]:focus {{ outline: none; }}
[data-testid="stHeaderActionElements"] > a[href^="#"] {{ display: none; }}
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) {{ display: none; }}
.st-key-spinewell-browser-store {{ display: none; }}
[role="group"] > [role="spinbutton"] {{ display: inline-block; min-width: 24px; min-height: 24px; text-align: center; }}
</style>"""


def stylesheet() -> None:
    """Add the stylesheet to this run's page (a style-only st.html takes no space)."""
    st.html(STYLESHEET)
