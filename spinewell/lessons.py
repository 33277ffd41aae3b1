"""Which lesson the Learn page has open and where Previous and Next lead: a small state machine over a mapping."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from spinewell.content.models import LearnSection
from spinewell.storage.keys import LESSONS_READ

# Session keys, defined here because the course is what reads them (spinewell.ui.state names them for the pages).
OPEN_LESSON = "spinewell.learn.open"  # the id of the lesson open last: coming back to Learn returns to it
QUIZ_PREFIX = "spinewell.quiz."  # + a lesson id: that lesson's question widget, whose value is the answer picked


@dataclass(frozen=True)
class Stop:
    """One line of the progress list: a lesson, its number, whether it is the one open, whether its question has
    been answered in this session, and whether the person has opened it before (remembered between visits)."""

    number: int
    lesson: LearnSection
    is_open: bool
    answered: bool
    read: bool = False


@dataclass(frozen=True)
class Place:
    """The open lesson, where it sits in the course, and the lessons Previous and Next lead to (None at either end)."""

    lesson: LearnSection
    number: int
    total: int
    previous: LearnSection | None
    next: LearnSection | None
    moved: bool = False  # another lesson was open before this one in this session (so the reader has just moved)


class Course:
    """The lessons in order over `session`: every transition only reads and writes `session`, so a dict stands in."""

    def __init__(self, session: MutableMapping[str, Any], lessons: Sequence[LearnSection]) -> None:
        if not lessons:
            raise ValueError("a course needs at least one lesson")
        self.session = session
        self.lessons = tuple(lessons)
        self._ids = tuple(lesson.id for lesson in self.lessons)

    def has(self, lesson_id: str | None) -> bool:
        return lesson_id in self._ids

    def open(self, requested: str | None = None) -> Place:
        """The lesson to draw, remembered for the next visit.

        `requested` (a `?lesson=` link, or the lesson a button asked for) wins when it names a lesson; otherwise the
        lesson open last in this session; otherwise the first.
        """
        if self.has(requested):
            lesson_id = requested
        elif self.has(self.session.get(OPEN_LESSON)):
            lesson_id = self.session[OPEN_LESSON]
        else:
            lesson_id = self._ids[0]
        moved = self.has(self.session.get(OPEN_LESSON)) and self.session[OPEN_LESSON] != lesson_id
        self.session[OPEN_LESSON] = lesson_id
        read = self.read()
        if lesson_id not in read:
            self.session[LESSONS_READ] = [*read, lesson_id]
        return self._place(self._ids.index(lesson_id), moved)

    def stops(self) -> tuple[Stop, ...]:
        """Every lesson for the progress list, the open one marked (the first if none has been opened yet)."""
        open_id = self.session.get(OPEN_LESSON) if self.has(self.session.get(OPEN_LESSON)) else self._ids[0]
        read = set(self.read())
        return tuple(
            Stop(number, lesson, lesson.id == open_id, self.session.get(QUIZ_PREFIX + lesson.id) is not None,
                 lesson.id in read)
            for number, lesson in enumerate(self.lessons, start=1)
        )

    def read(self) -> list[str]:
        """The ids of the lessons opened so far, in the order first opened (storage.keys.LESSONS_READ)."""
        stored = self.session.get(LESSONS_READ)
        return [lesson_id for lesson_id in stored if isinstance(lesson_id, str)] if isinstance(stored, list) else []

    def _place(self, index: int, moved: bool) -> Place:
        return Place(
            lesson=self.lessons[index],
            number=index + 1,
            total=len(self.lessons),
            previous=self.lessons[index - 1] if index > 0 else None,
            next=self.lessons[index + 1] if index + 1 < len(self.lessons) else None,
            moved=moved,
        )
