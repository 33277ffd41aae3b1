"""AppTest helpers shared by the page tests: open a page through app.py, read what it says, click, read charts."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_page(page: str = "pages/home.py", session: Mapping[str, object] | None = None,
              timeout: float = 30) -> AppTest:
    """The app as a person opens it: app.py runs first, then `page` through the navigation (sidebar included).

    `session` values are put into the session state before the switch, as an earlier visit would have left them.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.run()
    for key, value in (session or {}).items():
        at.session_state[key] = value
    if page != "pages/home.py" or session:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def open_link(page: str, **query: str) -> AppTest:
    """The app opened at a link with a query, as a bookmark or a shared link opens it (e.g. /learn?lesson=scans)."""
    at = open_page()
    at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def switch(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    """Everything the main area says in words (titles, Markdown, captions and alert boxes), one element a line."""
    parts = [e.value for e in (*at.markdown, *at.caption, *at.title, *at.subheader, *at.header)]
    parts += [e.value for e in (*at.info, *at.success, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


def sidebar_text(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.sidebar.caption, *at.sidebar.markdown, *at.sidebar.error))


def click(at: AppTest, label: str) -> AppTest:
    """Click the first button labelled `label` (the test fails, listing the buttons, when there is none)."""
    buttons = [b for b in at.button if b.label == label]
    assert buttons, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    buttons[0].click().run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> dict[str, tuple[dict, str]]:
    """Every Plotly chart on the page by title: (figure JSON with arrays decoded to lists, alt text)."""
    found = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec["data"]:
            for axis in ("x", "y", "z"):
                if isinstance(trace.get(axis), dict) and "bdata" in trace[axis]:
                    packed = trace[axis]
                    trace[axis] = np.frombuffer(base64.b64decode(packed["bdata"]), dtype=packed["dtype"]).tolist()
        found[spec["layout"]["title"]["text"]] = (spec, chart.proto.alt)
    return found


def chart(at: AppTest, title: str) -> tuple[dict, str]:
    """The chart titled `title` as figures() gives it, chosen first on the Log page's "Chart to show" (which shows
    one chart at a time) when it is not the one shown."""
    from spinewell.ui.log_charts import KEY, TITLES

    found = figures(at)
    if title not in found:
        at.button_group(key=KEY).set_value(next(c for c, t in TITLES.items() if t == title)).run()
        assert not at.exception, at.exception
        found = figures(at)
    return found[title]


def every_chart(at: AppTest) -> dict[str, tuple[dict, str]]:
    """Every chart the Log page offers, each chosen in turn ("Exercise and rest" is a sentence when the days are
    too few to compare), with the other charts on the page (a goal's)."""
    from spinewell.ui.log_charts import CHOICES, KEY

    found = figures(at)
    for choice in CHOICES:
        at.button_group(key=KEY).set_value(choice).run()
        assert not at.exception, at.exception
        found.update(figures(at))
    return found

