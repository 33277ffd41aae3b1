"""Spreadsheet workbooks (.xlsx, .ods, .xls): the first sheet's cells as text rows, by calamine, with plain messages.

Cells become the text the diary reader parses: a date cell an ISO date (with its time when it has one), a time
cell HH:MM, a duration cell h:mm:ss, a whole number without ".0". Each sheet row stays one row, the empty rows above
the first used one included, so row numbers in the list of skipped rows are the ones the spreadsheet shows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import python_calamine

ZIP = b"PK\x03\x04"  # .xlsx and .ods are zip archives
COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any Office file locked with a password
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a diary's workbook unpacks to a few MB; far more is not a diary
MAX_CELLS = 5_000_000
SAVE_AS_CSV = "If it still won't open here, choose Save as (or Download as) CSV in your spreadsheet and upload that."
LOCKED = ("This workbook is protected with a password, so Spinewell can't read it. Open it in your spreadsheet, "
          "remove the password (or save a copy without one), then upload it again. " + SAVE_AS_CSV)
DAMAGED = ("This looks like a spreadsheet workbook, but it could not be opened: it may be damaged or only partly "
           "downloaded. Open it in your spreadsheet and save it again, then upload the new file. " + SAVE_AS_CSV)
NOT_A_SPREADSHEET = ("This is a compressed (zip) file, not a spreadsheet workbook or a CSV. Upload the diary itself: "
                     "a CSV file or a spreadsheet (.xlsx, .ods or .xls).")
TOO_BIG = "This workbook is far larger than a diary needs, so Spinewell won't open it. " + SAVE_AS_CSV
NO_SHEET = "This workbook has no sheet with anything in it. Put the diary on its first sheet and upload it again."


@dataclass(frozen=True)
class Sheet:
    """A workbook's first sheet as rows of text (`rows`), what to call it (`read_as`), or why it can't be read."""

    rows: tuple[tuple[str, ...], ...] = ()
    read_as: str = ""
    error: str | None = None


def is_workbook(data: bytes) -> bool:
    """Whether the bytes are a workbook's (or any zip or Office file's), by their first bytes."""
    return data.startswith((ZIP, COMPOUND))


def first_sheet(data: bytes) -> Sheet:
    """The first visible worksheet of a workbook as text rows; never raises."""
    if data.startswith(COMPOUND) and _is_locked(data):
        return Sheet(error=LOCKED)
    if data.startswith(ZIP):
        problem = _zip_problem(data)
        if problem is not None:
            return Sheet(error=problem)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        chosen = next((meta.name for meta in book.sheets_metadata if _is_shown_worksheet(meta)), None)
        if chosen is None:
            return Sheet(error=NO_SHEET)
        sheet = book.get_sheet_by_name(chosen)
        if sheet.height * max(sheet.width, 1) > MAX_CELLS:
            return Sheet(error=TOO_BIG)
        cells = sheet.to_python(skip_empty_area=False)
        start = (sheet.start or (0, 0))[0] if cells else 0
    except python_calamine.PasswordError:
        return Sheet(error=LOCKED)
    except Exception:  # noqa: BLE001 - calamine's errors (zip, XML, format) all mean the same to a person
        return Sheet(error=DAMAGED)
    rows = ((),) * start + tuple(tuple(cell_text(value) for value in row) for row in cells)
    if not any(any(row) for row in rows):
        return Sheet(error=NO_SHEET)
    return Sheet(rows, read_as=f"the first sheet of the workbook, “{_plain_name(chosen)}”")


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV export of it would hold."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        seconds = round(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return "" if value is None else str(value)


def _is_shown_worksheet(meta: python_calamine.SheetMetadata) -> bool:
    worksheet = meta.typ == python_calamine.SheetTypeEnum.WorkSheet
    return worksheet and meta.visible == python_calamine.SheetVisibleEnum.Visible


def _is_locked(data: bytes) -> bool:
    """An Office file locked with a password: an .xlsx then travels inside a compound file as "EncryptedPackage"."""
    return "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or "EncryptionInfo".encode("utf-16-le") in data


def _zip_problem(data: bytes) -> str | None:
    """Why a zip can't be a workbook to read (damaged, not a spreadsheet, unpacking to far too much), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return DAMAGED
    names = {member.filename for member in members}
    if not ({"xl/workbook.xml", "content.xml"} & names or any(n.startswith("xl/") for n in names)):
        return NOT_A_SPREADSHEET
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        return TOO_BIG
    return None


def _plain_name(name: str) -> str:
    """A sheet's name as shown in the page's Markdown: letters, digits and spaces only."""
    return " ".join("".join(c if c.isalnum() else " " for c in name).split())[:40] or "Sheet 1"
