"""The course over a plain dict: which lesson opens, where Previous and Next lead, and what the progress list marks."""

from __future__ import annotations

import pytest

from spinewell.content.load import load
from spinewell.lessons import OPEN_LESSON, QUIZ_PREFIX, Course
from spinewell.storage.keys import LESSONS_READ

LESSONS = load().learn
FIRST, SECOND, LAST = LESSONS[0].id, LESSONS[1].id, LESSONS[-1].id


def test_a_first_visit_opens_the_first_lesson_and_remembers_it():
    session: dict = {}
    place = Course(session, LESSONS).open()
    assert (place.lesson.id, place.number, place.total) == (FIRST, 1, len(LESSONS))
    assert place.previous is None and place.next.id == SECOND
    assert not place.moved
    assert session[OPEN_LESSON] == FIRST


def test_a_requested_lesson_opens_and_says_the_reader_has_moved():
    session = {OPEN_LESSON: FIRST}
    place = Course(session, LESSONS).open(SECOND)
    assert (place.lesson.id, place.number, place.previous.id) == (SECOND, 2, FIRST)
    assert place.moved
    assert session[OPEN_LESSON] == SECOND


def test_reopening_the_same_lesson_is_not_a_move():
    session = {OPEN_LESSON: SECOND}
    assert not Course(session, LESSONS).open(SECOND).moved


def test_without_a_request_the_lesson_open_last_opens_again():
    session = {OPEN_LESSON: LAST}
    place = Course(session, LESSONS).open(None)
    assert (place.lesson.id, place.number, place.next) == (LAST, len(LESSONS), None)


@pytest.mark.parametrize("requested", ["no-such-lesson", "", None])
def test_a_request_for_no_lesson_keeps_the_one_open(requested):
    session = {OPEN_LESSON: SECOND}
    course = Course(session, LESSONS)
    assert not course.has(requested)
    assert course.open(requested).lesson.id == SECOND


def test_a_stale_remembered_lesson_falls_back_to_the_first():
    session = {OPEN_LESSON: "a-lesson-since-removed"}
    place = Course(session, LESSONS).open()
    assert place.lesson.id == FIRST and not place.moved


def test_next_and_previous_walk_the_whole_course_in_order():
    course = Course({}, LESSONS)
    place, seen = course.open(), []
    while True:
        seen.append(place.lesson.id)
        if place.next is None:
            break
        place = course.open(place.next.id)
    assert seen == [lesson.id for lesson in LESSONS]
    back = []
    while place.previous is not None:
        place = course.open(place.previous.id)
        back.append(place.lesson.id)
    assert back == seen[-2::-1]


def test_the_progress_list_marks_the_open_lesson_and_the_questions_answered():
    session = {OPEN_LESSON: SECOND, QUIZ_PREFIX + FIRST: LESSONS[0].quiz.answer, QUIZ_PREFIX + LAST: None}
    stops = Course(session, LESSONS).stops()
    assert [stop.lesson.id for stop in stops] == [lesson.id for lesson in LESSONS]
    assert [stop.number for stop in stops] == list(range(1, len(LESSONS) + 1))
    assert [stop.lesson.id for stop in stops if stop.is_open] == [SECOND]
    assert [stop.lesson.id for stop in stops if stop.answered] == [FIRST]


def test_before_any_lesson_is_opened_the_list_marks_the_first():
    assert [stop.number for stop in Course({}, LESSONS).stops() if stop.is_open] == [1]


def test_a_course_needs_a_lesson():
    with pytest.raises(ValueError):
        Course({}, ())


def test_each_lesson_opened_is_remembered_as_read_once_in_the_order_first_opened():
    session: dict = {}
    course = Course(session, LESSONS)
    course.open()
    course.open(LAST)
    course.open(FIRST)
    assert session[LESSONS_READ] == [FIRST, LAST]
    assert [stop.read for stop in course.stops()] == [True] + [False] * (len(LESSONS) - 2) + [True]


def test_lessons_read_that_are_not_a_list_of_ids_count_as_none():
    session = {LESSONS_READ: "not a list"}
    assert Course(session, LESSONS).read() == []
    Course(session, LESSONS).open(SECOND)
    assert session[LESSONS_READ] == [SECOND]
