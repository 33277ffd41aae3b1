"""Cards that are one link as a whole: a page link stretched over its bordered card, so a tap anywhere on the card
opens it (Home's ways in, the exercise library's index). On a phone a small link inside a big card is hard to hit."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import streamlit as st

KEY_PREFIX = "tap-card-"  # every whole-card link's container key starts with this; the style below looks for it

# The link's ::after box covers the whole card (the card is its containing block), so the card is the link's
# target; the focus ring and the hover border go on the card. Only our own fixed text: nothing a person typed.
_STYLE = f"""<style>
[class*="st-key-cards-"] > div {{ flex: 1 1 17rem; min-width: 0; }}
[class*="st-key-{KEY_PREFIX}"] {{ position: relative; min-height: 44px; height: 100%; }}
[class*="st-key-{KEY_PREFIX}"] [data-testid="stElementContainer"]:has([data-testid="stPageLink"]) {{
  position: static;
}}
[class*="st-key-{KEY_PREFIX}"] [data-testid="stPageLink"] a::after {{
  content: ""; position: absolute; inset: 0; border-radius: inherit; z-index: 1;
}}
[class*="st-key-{KEY_PREFIX}"]:hover {{ border-color: currentColor; }}
[class*="st-key-{KEY_PREFIX}"]:focus-within {{ outline: 2px solid currentColor; outline-offset: 2px; }}
[class*="st-key-{KEY_PREFIX}"] [data-testid="stPageLink"] a:focus-visible {{ outline: none; }}
[class*="st-key-{KEY_PREFIX}"] [data-testid="stPageLink"] a {{ background: transparent; padding-left: 0; }}
[class*="st-key-{KEY_PREFIX}"] [data-testid="stPageLink"] p {{ font-weight: 600; }}
</style>"""


@contextmanager
def card_row(key: str, card_width_rem: int = 17) -> Iterator[None]:
    """A row of cards at least `card_width_rem` wide that wraps to the screen's width (one a line on a phone),
    with the cards' style."""
    if not re.fullmatch(r"[a-z0-9-]+", key):
        raise ValueError(f"not a card row key: {key!r}")
    st.html(_STYLE + f"<style>.st-key-cards-{key} > div {{ flex-basis: {int(card_width_rem)}rem; }}</style>")
    with st.container(horizontal=True, key=f"cards-{key}", gap="small"):
        yield


def card_link(key: str, page: str, label: str, line: str = "", icon: str | None = None,
              query: Mapping[str, str] | None = None) -> None:
    """A bordered card holding a link to `page` (with `query`) and one line under it; the whole card is the link.

    Put cards in a card_row: it brings the style that stretches the link over the card."""
    if not re.fullmatch(r"[a-z0-9-]+", key):
        raise ValueError(f"not a card key: {key!r}")
    with st.container(border=True, key=f"{KEY_PREFIX}{key}", gap="small"):
        st.page_link(page, label=label, icon=icon, query_params=dict(query) if query else None, width="stretch")
        if line:
            st.caption(line)
