"""What learn.yaml and sources.yaml may hold for the lessons: a lesson id fit for a link, and a source dated by its year
or, for a web page, by the day it was read; each mistake named in plain words."""

from __future__ import annotations

import datetime as dt

import pytest

from spinewell.content.load import load
from spinewell.content.models import Source
from tests.content_edits import edit_yaml, load_error

NHS = [source.id for source in load().sources].index("nhs-back-pain")  # a web page, cited by the day it was read


@pytest.mark.parametrize(("change", "field", "problem"), [
    (lambda s: s[0].pop("year"), "sources[0].year",
     "give the year it was published, or for a web page 'accessed' (the day it was read)"),
    (lambda s: s[0].update(accessed="2026-12-01"), "sources[0].accessed",
     "give a year or accessed, not both: a web page has no year, a paper no access date"),
    (lambda s: s[NHS].update(accessed="last week"), f"sources[{NHS}].accessed",
     "must be a day written as YYYY-MM-DD, such as 2026-12-01; found 'last week'"),
    (lambda s: s[NHS].update(accessed=20261201), f"sources[{NHS}].accessed",
     "must be a day written as YYYY-MM-DD, such as 2026-12-01; found 20261201"),
], ids=["neither", "both", "words", "a number"])
def test_a_source_is_dated_by_a_year_or_by_the_day_it_was_read(content_copy, change, field, problem):
    edit_yaml(content_copy, "sources", lambda d: change(d["sources"]))
    error = load_error(content_copy)
    assert (error.file, error.field, error.problem) == ("sources.yaml", field, problem)


def test_a_quoted_day_is_read_as_a_day(content_copy):
    edit_yaml(content_copy, "sources", lambda d: d["sources"][NHS].update(accessed="2026-11-30"))
    assert load(content_copy).source("nhs-back-pain").accessed == dt.date(2026, 11, 30)


@pytest.mark.parametrize("lesson_id", ["Flare Up", "flare_up", "flare-up-", "", "lesson?x=1"])
def test_a_lesson_id_is_lower_case_words_joined_by_dashes(content_copy, lesson_id):
    edit_yaml(content_copy, "learn", lambda d: d["sections"][2].update(id=lesson_id))
    error = load_error(content_copy)
    assert (error.file, error.field) == ("learn.yaml", "sections[2].id")
    assert error.problem.startswith("must be lower-case words joined by dashes")


def test_a_paper_is_cited_by_its_year_and_a_web_page_by_the_day_it_was_read():
    paper = Source(id="p", title="T", authors="Hayden JA, et al.", year=2021, publisher="Cochrane")
    page = Source(id="w", title="Back pain", authors="NHS", accessed=dt.date(2026, 12, 1), publisher="nhs.uk")
    assert (paper.when, paper.short_citation()) == ("2021", "Hayden JA, et al. 2021")
    assert (page.when, page.short_citation()) == ("accessed 1 December 2026", "NHS, accessed 1 December 2026")
    assert page.citation() == "NHS (accessed 1 December 2026). Back pain. nhs.uk."
