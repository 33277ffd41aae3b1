"""The log page with a diary the reader used to lose whole: a stored diary with a year typo still charts and takes
new entries, and an upload rated from 0 to 100 is charted from 0 to 10 and says so."""

from __future__ import annotations

from spinewell.log.describe import PAIN_SCALE_NOTE
from spinewell.log.entry import HEADER_LINE
from tests.apptest import page_text
from tests.test_page_log import add_entry, clock, open_log, pain_points, skipped, upload  # noqa: F401


def test_a_stored_diary_with_a_year_typo_charts_the_other_rows_and_takes_new_entries(log_file, clock):  # noqa: F811
    rows = "2026-03-02,,5,,,\n3025-03-03,,4,,,typo\n2026-03-04,,3,,,\n"
    log_file.write_text(f"{HEADER_LINE}\n{rows}", encoding="utf-8")
    at = open_log()
    assert not at.error and pain_points(at) == {"2026-03-02": 5.0, "2026-03-04": 3.0}
    (issue,) = skipped(at)
    assert issue["row"] == 3 and issue["reason"] == "the year 3025 looks like a typo"
    add_entry(at, pain=2)
    assert any("Saved:" in s.value for s in at.success)
    assert log_file.read_text(encoding="utf-8").startswith(f"{HEADER_LINE}\n{rows}")  # the typo row kept as it was
    assert log_file.read_text(encoding="utf-8").count("\n") == 5


def test_an_upload_rated_from_0_to_100_charts_from_0_to_10_and_says_so(log_file, clock):  # noqa: F811
    at = upload(open_log(), b"Date,Pain (0-100)\n2026-03-02,65\n2026-03-03,40\n")
    assert pain_points(at) == {"2026-03-02": 6.5, "2026-03-03": 4.0}
    assert PAIN_SCALE_NOTE in page_text(at) and skipped(at) == []
