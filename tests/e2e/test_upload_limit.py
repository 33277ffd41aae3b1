"""The upload limit in a real browser: 50 MB counted as the person's own computer counts it, and said on the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import goto_page, wait_for_app

WINDOWS_49_MB = 49 * 1024 * 1024  # Windows shows this file as "49.0 MB"; a Mac or Linux as "51.4 MB"


@pytest.fixture(scope="module")
def not_a_diary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file of the size under test whose content the reader turns down at once (no header row)."""
    path = tmp_path_factory.mktemp("upload") / "big.csv"
    path.write_bytes(b"a" * WINDOWS_49_MB)
    return path


def _upload_on(page, platform: str, path: Path) -> str:
    page.context.add_init_script(f"Object.defineProperty(navigator, 'platform', {{get: () => '{platform}'}})")
    goto_page(page, "log")
    page.get_by_text("Upload a log from a spreadsheet or another app").click()
    assert page.get_by_text("Files up to 50 MB.").count() == 1
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(path))
    return page.locator("[data-testid=stFileUploader]")


def test_a_file_windows_calls_49_mb_is_taken_from_a_windows_browser(page, not_a_diary):
    uploader = _upload_on(page, "Win32", not_a_diary)
    page.get_by_text("No date column found").wait_for(timeout=120_000)  # it reached our reader, past every limit
    wait_for_app(page)
    assert "49.0MB" in uploader.inner_text() and "File must be" not in uploader.inner_text()


def test_the_same_file_is_refused_where_it_counts_as_51_4_mb(page, not_a_diary):
    uploader = _upload_on(page, "Linux x86_64", not_a_diary)
    uploader.get_by_text("File must be 50.0MB or smaller.").wait_for(timeout=30_000)
    assert "51.4MB" in uploader.inner_text()
