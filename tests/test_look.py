"""The page stylesheet's and the theme's colours meet WCAG 2.2 AA on both backgrounds (the page and the sidebar)."""

from __future__ import annotations

import tomllib

import pytest

from spinewell.ui import look
from tests.e2e.conftest import ROOT

THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
BACKGROUNDS = (THEME["backgroundColor"], THEME["secondaryBackgroundColor"])


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("background", BACKGROUNDS)
@pytest.mark.parametrize("text", [look.CAPTION_COLOUR, THEME["textColor"], THEME["primaryColor"]])
def test_text_has_at_least_4_5_to_1(text, background):
    assert contrast(text, background) >= 4.5


@pytest.mark.parametrize("background", BACKGROUNDS)
@pytest.mark.parametrize("edge", [THEME["borderColor"], look.FOCUS_COLOUR])
def test_control_borders_and_focus_outlines_have_at_least_3_to_1(edge, background):
    assert THEME["showWidgetBorder"] is True
    assert contrast(edge, background) >= 3


def test_the_stylesheet_draws_captions_at_full_opacity_in_the_passing_grey():
    assert f'[data-testid="stCaptionContainer"] {{ opacity: 1; color: {look.CAPTION_COLOUR}; }}' in look.STYLESHEET
