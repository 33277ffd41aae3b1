"""A person's browser for AppTests of the hosted app (SPINEWELL_STORAGE=browser): its localStorage and the
sessionStorage flag, doing what spinewell/ui/browser_store.js does with what the app sends, and reporting back the
same way (the component's state values), so a page test sees what a person would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "spinewell."
KEYS = ("spinewell.profile", "spinewell.diary")
STAMP = "spinewell.stamp"


class Browser:
    """One browser. `storage` is its localStorage; `quota` the characters it takes for this site (None: no limit).
    Each open() is a new tab (a new server session); the sessionStorage flag lives as long as the browser here."""

    def __init__(self, storage: dict[str, str] | None = None, *, had: bool = False, quota: int | None = None) -> None:
        self.storage: dict[str, str] = dict(storage or {})
        self.had = had
        self.quota = quota
        self.done: set[str] = set()
        self.state: dict[str, Any] = {}
        self.reported_for: str | None = None
        self.writes: list[dict] = []
        self.reports = 0

    def another_tab(self) -> Browser:
        """A second tab of this browser: its own server session and component, the same localStorage."""
        tab = Browser(had=self.had, quota=self.quota)
        tab.storage = self.storage
        return tab

    def storage_event(self, at: AppTest) -> AppTest:
        """What this tab's component does when another tab changed Spinewell's keys: report what is held now."""
        self.reports += 1
        self._report(at, {"held": {"session": self._session(at), "report": f"elsewhere-{self.reports}",
                                   "elsewhere": True, **self._read()}})
        return self.settle(at)

    def open(self, page: str = "pages/home.py", timeout: float = 60) -> AppTest:
        """A new tab at `page`: the app's first run, the browser's report, then the page."""
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        self.state, self.reported_for = {}, None
        self.run(at)
        if page != "pages/home.py":
            at.switch_page(page)
            self.run(at)
        return at

    def run(self, at: AppTest) -> AppTest:
        at.run()
        return self.settle(at)

    def click(self, at: AppTest, label: str) -> AppTest:
        buttons = [b for b in at.button if b.label == label]
        assert buttons, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
        buttons[0].click()
        return self.run(at)

    def settle(self, at: AppTest) -> AppTest:
        """Do what the component was sent, and report as the browser would (each report is a run), until quiet."""
        for _ in range(6):
            assert not at.exception, at.exception
            found = self._component(at)
            if found is None:
                return at
            report = self._react(json.loads(found.proto.json))
            if report is None:
                return at
            self._report(at, report)
        raise AssertionError("the app and the browser never settled")

    def _component(self, at: AppTest):
        """The browser store's component on the page, or None (a page stopped before it)."""
        return next((node for node in at.get("bidi_component") if "spinewell-browser-store" in node.proto.id), None)

    def _session(self, at: AppTest) -> str:
        return json.loads(self._component(at).proto.json)["session"]

    def _report(self, at: AppTest, report: dict) -> None:
        """The component's state values, as setStateValue sends them: a run."""
        self.state.update(report)
        states = at._tree.get_widget_states()
        widget = states.widgets.add()
        widget.id = self._component(at).proto.id
        widget.json_value = json.dumps(self.state)
        at._run(states)

    def _read(self) -> dict:
        sizes = {key: len(key) + len(value) for key, value in self.storage.items() if key.startswith(PREFIX)}
        return {"values": {key: self.storage.get(key) for key in KEYS}, "sizes": sizes, "had": self.had,
                "stamp": self.storage.get(STAMP)}

    def _react(self, data: dict) -> dict | None:
        write = data.get("write")
        if write and write["id"] not in self.done:
            self.done.add(write["id"])
            self.writes.append(write)
            failed = self._apply(write)
            if failed and failed.get("conflict"):
                return {"held": {"session": data["session"], "report": write["id"], "refused": True, **self._read()}}
            if failed:
                return {"wrote": {"session": data["session"], "id": write["id"], **failed}}
        if self.reported_for != data["session"]:
            self.reported_for = data["session"]
            return {"held": {"session": data["session"], **self._read()}}
        return None

    def _apply(self, write: dict) -> dict | None:
        rearranges = bool(write.get("clear") or write.get("aside"))
        if write.get("set") and not rearranges and self.storage.get(STAMP) not in write["base"]:
            return {"conflict": True}
        if rearranges:
            self.storage.pop(STAMP, None)
        for source, target in write.get("aside", []):
            if source in self.storage:
                if not self._fits(target, self.storage[source]):
                    return {"ok": False, "step": "aside", "full": True}
                self.storage[target] = self.storage.pop(source)
        for key in write.get("remove", []):
            self.storage.pop(key, None)
        if write.get("clear"):
            for key in [key for key in self.storage if key.startswith(PREFIX)]:
                del self.storage[key]  # in place: another tab shares this storage
            self.had = False
        for key, value in write.get("set", {}).items():
            if not self._fits(key, value):
                return {"ok": False, "step": "set", "key": key, "full": True}
            self.storage[key] = value
        if write.get("set"):
            self.storage[STAMP] = write["id"]
            self.had = True
        return None

    def _fits(self, key: str, value: str) -> bool:
        if self.quota is None:
            return True
        others = sum(len(k) + len(v) for k, v in self.storage.items() if k != key)
        return others + len(key) + len(value) <= self.quota
