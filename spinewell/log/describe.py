"""The log page's words about a diary: how a file was read, an entry just added, and its rows and issues as tables.

A person's own text (column names, activity names) goes through `quote`, the caller's way of making text safe to
show (for Markdown, ui.widgets.literal), so these words stay free of any one way of drawing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from spinewell.log.entry import LogEntry
from spinewell.log.read import ParsedLog, RowIssue
from spinewell.log.source import LogSource

ENCODING_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1", "utf-16": "UTF-16", "utf-32": "UTF-32"}
ISSUE_HEADINGS = {"row": "Row", "column": "Column", "value": "Value", "reason": "Why it was left out"}
ENTRY_WIDTHS = {"Date": 120, "Time": 60, "Pain": 50, "Exercise": 170, "Minutes": 70}
DOWNLOAD_HELP = "UTF-8, comma separated, ISO dates. Cells that a spreadsheet would run as a formula start with '."
DATE_ORDER_QUESTION = ("Some dates in this file could be read two ways (is 03/04/2026 the 3rd of April or March "
                       "4th?). How does the file write dates?")
PAIN_SCALE_NOTE = "Your pain column is on a 0-100 scale; Spinewell shows it divided by 10."
DATE_ORDERS = {"Day first, like 31/12/2026": "dayfirst", "Month first, like 12/31/2026": "monthfirst"}


def reading_notes(parsed: ParsedLog, *, uploaded: bool, quote: Callable[[str], str]) -> str | None:
    """One sentence on how the file was read (repeats, unused columns, an unusual encoding), and one on a pain
    column rated from 0 to 100, or None if nothing is worth saying. The encoding is named only for an upload: the
    local diary keeps whatever encoding it already had."""
    notes = [f"read as {parsed.read_as}"] if parsed.read_as else []
    if parsed.duplicates_dropped:
        many = parsed.duplicates_dropped > 1
        notes.append(f"{parsed.duplicates_dropped} repeated entr{'ies' if many else 'y'} counted once")
    if parsed.ignored_columns:
        notes.append("columns not used: " + ", ".join(quote(name) for name in parsed.ignored_columns))
    if uploaded and parsed.encoding and parsed.encoding not in ("utf-8", "utf-8-sig"):
        name = ENCODING_NAMES.get(parsed.encoding, parsed.encoding.upper().replace("_", "-"))
        notes.append(f"read line by line, as UTF-8 and as {name} text" if parsed.mixed_encoding
                     else f"read as {name} text")
    scale = f" {PAIN_SCALE_NOTE}" if parsed.pain_scale == 100 else ""
    if not notes:
        return f"Reading the file:{scale}" if scale else None
    return "Reading the file: " + "; ".join(notes) + "." + scale


def issues_heading(parsed: ParsedLog) -> str:
    """The title of the list of rows kept out."""
    return f"{parsed.issue_count} row{'s' if parsed.issue_count != 1 else ''} of the file could not be used"


def issues_caption(log: LogSource, parsed: ParsedLog) -> str:
    """What the list of rows kept out is, how its rows are numbered, and whether it is only the start of it."""
    caption = ("Each row below was left out of the charts; the rest of the file is used. Row numbers are as in a "
               "spreadsheet, with the header as row 1.")
    if log.kind == "upload" and log.entries:
        caption += " The entries you added here come after the file's last row, as if added to its end."
    if parsed.issue_count > len(parsed.issues):
        caption += f" Showing the first {len(parsed.issues)} of {parsed.issue_count}."
    return caption


def issues_table(issues: Iterable[RowIssue]) -> pd.DataFrame:
    """The rows kept out as a table: columns row, column, value, reason (headed by ISSUE_HEADINGS)."""
    return pd.DataFrame([vars(i) for i in issues], columns=list(ISSUE_HEADINGS))


def describe_entry(entry: LogEntry, quote: Callable[[str], str]) -> str:
    """An entry in a few words, as confirmed after saving it: "02 Mar 2026, pain 4, Walking 30 min"."""
    words = f"{entry.date:%d %b %Y}"
    if entry.pain is not None:
        words += f", pain {entry.pain:g}"
    if entry.exercise:
        words += f", {quote(entry.exercise)}"
    if entry.minutes is not None:
        words += f" {entry.minutes:g} min"
    return words


def kept_message(entry: LogEntry, *, saved: bool, quote: Callable[[str], str]) -> str:
    """What the page confirms once an entry is saved to the local log, or kept in the session."""
    words = describe_entry(entry, quote)
    return f"Saved: {words}." if saved else f"Added: {words}. Download the updated log below to keep it."


def entries_table(frame: pd.DataFrame, *, only_notes: bool, limit: int) -> tuple[pd.DataFrame, int]:
    """The latest `limit` entries of a log, newest first, as text columns (Date, Time, Pain, Exercise, Minutes,
    Notes; no "nan", no ".0"), and how many entries there are in all (with notes, when `only_notes`)."""
    if only_notes:
        frame = frame[frame["notes"].str.len() > 0]
    latest = frame.iloc[::-1].head(limit)
    table = pd.DataFrame({
        "Date": latest["date"].dt.strftime("%a %d/%m/%Y"),
        "Time": latest["time"].fillna(""),
        "Pain": _number_text(latest["pain"]),
        "Exercise": latest["exercise"],
        "Minutes": _number_text(latest["minutes"]),
        "Notes": latest["notes"],
    })
    return table, len(frame)


def _number_text(values: pd.Series) -> list[str]:
    return ["" if pd.isna(v) else f"{v:g}" for v in values]


def source_notice(log: LogSource, quote: Callable[[str], str]) -> tuple[str, str | None]:
    """What the page says about the diary it shows, and the icon of the box it says it in (None: a plain caption)."""
    if log.kind == "upload":
        kept = (" It is not kept in this browser: entries you add while it is shown stay with it for this visit "
                "only, so download the updated file to keep them." if log.in_browser else "")
        return (f"Showing your uploaded file **{quote(log.name)}**. To go back, remove it from the upload box above."
                f"{kept}", ":material/upload_file:")
    if log.kind == "local":
        return f"Showing your log, saved on this computer in `{log.path}`.", None
    if log.kind == "session" and log.in_browser:
        return "Showing your diary, kept in this browser (not on the server).", None
    if log.kind == "session":
        return ("Showing the entries you added in this session. They are not saved on this server: download them "
                "before you close the page.", ":material/info:")
    return ("**This is a sample log** with made-up entries, so you can see what the charts show. Add your first "
            "entry below or upload your own file to replace it.", ":material/science:")
