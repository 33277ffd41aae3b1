"""The app's one colour palette: each exercise type's label and colour from exercises.yaml, and the chart colours."""

from __future__ import annotations

from dataclasses import dataclass

from spinewell.content.models import Content

# Okabe-Ito: distinguishable with the common forms of colour blindness. Each exercise type's own label and colour
# live in exercises.yaml (see type_styles); these are the colours of what is not a type.
PALETTE = {
    "pain": "#CC79A7",
    "pain_trend": "#000000",
    "neutral": "#999999",
    "activity": "#0072B2",  # the activity calendar's busiest day
    "exercise_days": "#009E73",  # days with exercise, against rest days
    "goal": "#D55E00",  # a personal goal's ratings
}
OUTLINE = "#1F2933"  # around bars and points: a light colour still has an edge at least 3:1 against the background


@dataclass(frozen=True)
class SeriesStyle:
    """How a chart names and colours one exercise type's series."""

    label: str
    colour: str


def type_styles(content: Content) -> dict[str, SeriesStyle]:
    """Every exercise type's label and colour from exercises.yaml, and 'other' for activities that match none."""
    styles = {kind.id: SeriesStyle(kind.label, kind.colour) for kind in content.exercise_types}
    styles["other"] = SeriesStyle(content.other_activity.label, content.other_activity.colour)
    return styles
