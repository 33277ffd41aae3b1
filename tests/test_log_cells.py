"""Cells understood: dates in any common format with the day/month order decided for the whole file, times, numbers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from spinewell.log.read import ParsedLog, read

TODAY = dt.date(2026, 11, 17)


def read_text(text: str, date_order: str = "auto") -> ParsedLog:
    return read(text.encode("utf-8"), date_order=date_order, today=TODAY)


def dates(parsed: ParsedLog) -> list[str]:
    return [f"{d:%Y-%m-%d}" for d in parsed.frame["date"]]


def reasons(parsed: ParsedLog) -> dict[int, str]:
    return {issue.row: issue.reason for issue in parsed.issues}


# --- dates ---------------------------------------------------------------------------------------------------------


def test_day_first_dates_are_recognised_when_a_day_is_over_12():
    parsed = read_text("Date,Pain\n13/03/2026,5\n03/04/2026,4\n")
    assert parsed.ok and not parsed.ambiguous_dates and parsed.date_order == "dayfirst"
    assert dates(parsed) == ["2026-03-13", "2026-04-03"]


def test_month_first_dates_are_recognised_when_a_day_is_over_12():
    parsed = read_text("Date,Pain\n03/13/2026,5\n04/03/2026,4\n")
    assert parsed.ok and not parsed.ambiguous_dates and parsed.date_order == "monthfirst"
    assert dates(parsed) == ["2026-03-13", "2026-04-03"]


def test_ambiguous_dates_are_flagged_and_read_the_way_the_person_says():
    text = "Date,Pain\n03/04/2026,5\n04/05/2026,4\n"
    auto = read_text(text)
    assert auto.ambiguous_dates and auto.date_order == "dayfirst"
    assert dates(auto) == dates(read_text(text, "dayfirst")) == ["2026-04-03", "2026-05-04"]
    month_first = read_text(text, "monthfirst")
    assert dates(month_first) == ["2026-03-04", "2026-04-05"] and not month_first.ambiguous_dates


def test_dates_with_the_same_day_and_month_are_not_ambiguous():
    parsed = read_text("Date,Pain\n01/01/2026,5\n02/02/2026,4\n")
    assert parsed.ok and not parsed.ambiguous_dates


def test_a_date_that_only_fits_the_other_order_is_reported_not_guessed():
    parsed = read_text("Date,Pain\n13/03/2026,5\n14/03/2026,5\n03/15/2026,4\n")
    assert parsed.date_order == "dayfirst"
    assert "other way round" in reasons(parsed)[4] and "day-first" in reasons(parsed)[4]


def test_date_separators_two_digit_years_times_and_month_names():
    text = (
        "Date,Pain\n"
        "2026/03/02,1\n"
        "2026-03-03 14:30,2\n"
        "2026-03-04T07:05:00,3\n"
        "05.03.2026,4\n"
        "06-03-26,5\n"
        "07/03/2026 9:15 PM,6\n"
        '"Sunday, 8 March 2026",7\n'
        "9 Mar 2026,8\n"
        "March 10 2026 06:45,9\n"
        "  2026-03-11  ,10\n"
    )
    parsed = read_text(text)
    assert parsed.issues == (), parsed.issues
    assert dates(parsed) == [f"2026-03-{d:02d}" for d in range(2, 12)]
    times = dict(zip(parsed.frame["pain"], parsed.frame["time"], strict=True))
    assert times[2] == "14:30" and times[3] == "07:05" and times[6] == "21:15" and times[9] == "06:45"
    assert pd.isna(times[1]) and pd.isna(times[8])


def test_impossible_missing_and_far_off_dates_are_each_reported():
    parsed = read_text("date,pain\n2026-02-30,4\n,4\nsoon,4\n1850-01-01,4\n2026-03-02,4\n")
    found = reasons(parsed)
    assert "not a date we recognise" in found[2] and "2026-03-14" in found[2]
    assert "no date" in found[3] and "not a date" in found[4] and "year 1850 looks like a typo" in found[5]
    assert dates(parsed) == ["2026-03-02"]


# --- times ---------------------------------------------------------------------------------------------------------


def test_a_time_column_wins_over_a_time_inside_the_date_and_12_hour_times_convert():
    parsed = read_text("date,time,pain\n2026-03-02 07:00,8:30 pm,4\n2026-03-03 07:00,,4\n2026-03-04,12:15 am,4\n")
    assert parsed.frame["time"].tolist() == ["20:30", "07:00", "00:15"]


def test_seconds_and_spaces_are_dropped_and_impossible_times_reported():
    parsed = read_text("date,time,pain\n2026-03-02,08:30:59,4\n2026-03-03, 09:15 ,4\n2026-03-04,8:30 pm,4\n"
                       "2026-03-05,24:00,4\n2026-03-06,13 pm,4\n")
    assert parsed.frame["time"].tolist() == ["08:30", "09:15", "20:30"]
    assert set(reasons(parsed)) == {5, 6} and "not a time" in reasons(parsed)[5]


def test_times_written_as_the_app_writes_them_keep_their_minute_and_drop_seconds():
    parsed = read_text("date,time,pain\n2026-03-02,08:30:59,4\n2026-03-03,21:05,4\n2026-03-04,,4\n")
    assert parsed.issues == () and parsed.frame["time"].tolist()[:2] == ["08:30", "21:05"]
    assert pd.isna(parsed.frame["time"].iloc[2])


def test_a_time_column_of_spaces_is_no_time():
    parsed = read_text("date,time,pain\n2026-03-02,  ,4\n")
    assert parsed.issues == () and parsed.frame["time"].isna().all()


def test_times_and_notes_that_look_like_numbers_keep_their_text():
    parsed = read_text("date,time,pain,notes\n2026-03-02,8.30,4,1.50\n2026-03-03,12.00,5,007\n")
    assert parsed.issues == ()
    assert parsed.frame["time"].tolist() == ["08:30", "12:00"]
    assert parsed.frame["notes"].tolist() == ["1.50", "007"]


# --- numbers ---------------------------------------------------------------------------------------------------------


def test_decimal_commas_units_and_blank_markers():
    assert not read_text("Datum;Schmerz;Aktivität;Minuten\n02.03.2026;6,5;Walking;30\n").ok  # nothing maps
    parsed = read_text(
        "Date;Pain;Activity;Duration\n"
        "02.03.2026;6,5;Walking;30 min\n"
        "03.03.2026;7/10;Swimming;1h 15\n"
        "04.03.2026;n/a;Cycling;1.5 hours\n"
        "05.03.2026;-;Plank;45m\n"
    )
    assert parsed.ok and parsed.issues == ()
    assert parsed.frame["pain"].tolist()[:2] == [6.5, 7.0]
    assert parsed.frame["pain"].isna().tolist() == [False, False, True, True]
    assert parsed.frame["minutes"].tolist() == [30, 75, 90, 45]


def test_pain_with_a_decimal_point_in_a_semicolon_file_still_reads():
    assert read_text("Date;Pain\n2026-03-02;6.5\n2026-03-03;7,5\n").frame["pain"].tolist() == [6.5, 7.5]


def test_numbers_spelled_oddly_still_read():
    parsed = read_text("date,pain,minutes\n2026-03-02,+5,.5\n2026-03-03,1e1,5.\n2026-03-04, 4 ,0005\n")
    assert parsed.issues == ()
    assert parsed.frame["pain"].tolist() == [5, 10, 4] and parsed.frame["minutes"].tolist() == [0.5, 5, 5]


def test_nan_is_an_empty_cell_and_infinity_is_out_of_range():
    parsed = read_text("date,pain\n2026-03-02,4\n,nan\n2026-03-03,NaN\n2026-03-04,inf\n2026-03-05,-Infinity\n")
    assert reasons(parsed) == {3: "no date (every entry needs a date)", 5: "pain should be from 0 to 10",
                               6: "pain should be from 0 to 10"}
    assert parsed.frame["pain"].tolist()[0] == 4 and np.isnan(parsed.frame["pain"].iloc[1])


def test_minus_zero_is_zero():
    parsed = read_text("date,pain,minutes\n2026-03-02,-0,-0.0\n")
    assert parsed.issues == ()
    assert np.signbit(parsed.frame[["pain", "minutes"]].to_numpy()).tolist() == [[False, False]]


def test_a_numeric_notes_column_keeps_its_text():
    assert read_text("date,pain,notes\n2026-03-02,4,7\n2026-03-03,4,12\n").frame["notes"].tolist() == ["7", "12"]
