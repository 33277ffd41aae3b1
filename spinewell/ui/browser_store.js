// Spinewell's data in the person's own browser (localStorage), for a hosted Spinewell: the server keeps nothing.
// Python sends what to write (data.write) and the session it belongs to (data.session); this reads what the browser
// holds once for each server session and reports it (state "held"), and reports a write only when it fails (state
// "wrote"), so a save costs no extra run. Only keys named spinewell.* are read or written.
//
// Two tabs of one browser share what it holds. Every write also sets spinewell.stamp to the write's id, and says
// which stamps it was made from (write.base): a write made from data another tab has changed since is refused and
// reported with what the browser holds now, so one tab never writes over what the other saved. A change another tab
// makes is reported too (the browser's "storage" event), so this tab shows it without a reload.
const PREFIX = "spinewell.";
const KEYS = ["spinewell.profile", "spinewell.diary"];
const STAMP = "spinewell.stamp";
const HAD = "spinewell.had"; // in sessionStorage: this tab saved something here, so finding nothing means it was cleared
const SETTLE_MS = 150; // one write of another tab changes several keys: one report for them all

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (!data || !data.session) return;
  const me = parentElement.__swStore || (parentElement.__swStore = { reportedFor: null, done: new Set() });
  const tab = listenToOtherTabs();
  tab.session = data.session;
  tab.setStateValue = setStateValue;

  const write = data.write;
  if (write && write.id && !me.done.has(write.id)) {
    me.done.add(write.id);
    const failed = apply(write);
    if (failed && failed.conflict) {
      setStateValue("held", { session: data.session, report: write.id, refused: true, ...read() });
      return;
    }
    if (failed) {
      setStateValue("wrote", { session: data.session, id: write.id, ...failed });
      return;
    }
  }
  if (me.reportedFor !== data.session) {
    me.reportedFor = data.session;
    setStateValue("held", { session: data.session, ...read() });
  }
}

// One listener for the page, whatever happens to the component's element: it reports to the latest session.
function listenToOtherTabs() {
  if (window.__spinewellTab) return window.__spinewellTab;
  const tab = { session: null, setStateValue: null, timer: null, count: 0 };
  window.__spinewellTab = tab;
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== window.localStorage || (event.key !== null && !ours(event.key))) return;
    clearTimeout(tab.timer);
    tab.timer = setTimeout(() => {
      if (!tab.session || !tab.setStateValue) return;
      tab.count += 1;
      tab.setStateValue("held", { session: tab.session, report: `elsewhere-${Date.now()}-${tab.count}`,
        elsewhere: true, ...read() });
    }, SETTLE_MS);
  });
  return tab;
}

function ours(key) {
  return typeof key === "string" && key.startsWith(PREFIX);
}

function read() {
  try {
    const values = {};
    for (const key of KEYS) values[key] = window.localStorage.getItem(key);
    const sizes = {};
    for (let i = 0; i < window.localStorage.length; i += 1) {
      const key = window.localStorage.key(i);
      if (ours(key)) sizes[key] = key.length + (window.localStorage.getItem(key) || "").length;
    }
    let had = false;
    try { had = window.sessionStorage.getItem(HAD) === "1"; } catch (error) { had = false; }
    return { values, sizes, had, stamp: window.localStorage.getItem(STAMP) };
  } catch (error) {
    return { unavailable: true };
  }
}

// Put damaged values aside, then set and remove keys. Returns nothing when all went well, else what failed: a
// write of values made from data another tab has changed since is not made at all ({ conflict: true }).
function apply(write) {
  const storage = window.localStorage;
  const sets = Object.keys(write.set || {}).filter(ours);
  const rearranges = Boolean(write.clear || (write.aside || []).length);
  if (sets.length && !rearranges && Array.isArray(write.base) && !write.base.includes(storage.getItem(STAMP))) {
    return { conflict: true };
  }
  try {
    if (rearranges) storage.removeItem(STAMP);
    for (const [from, to] of write.aside || []) {
      if (!ours(from) || !ours(to)) continue;
      const value = storage.getItem(from);
      if (value !== null) storage.setItem(to, value); // a copy first: if it fails, the old value stays in place
      storage.removeItem(from);
    }
  } catch (error) {
    return { ok: false, step: "aside", full: isFull(error) };
  }
  try {
    for (const key of write.remove || []) if (ours(key)) storage.removeItem(key);
    if (write.clear) {
      const all = [];
      for (let i = 0; i < storage.length; i += 1) if (ours(storage.key(i))) all.push(storage.key(i));
      for (const key of all) storage.removeItem(key);
    }
    const set = write.set || {};
    for (const key of Object.keys(set)) {
      if (!ours(key)) continue;
      try {
        storage.setItem(key, set[key]); // a write that fails leaves the old value as it was
      } catch (error) {
        return { ok: false, step: "set", key, full: isFull(error) };
      }
    }
  } catch (error) {
    return { ok: false, step: "set", full: isFull(error) };
  }
  if (sets.length) {
    try {
      storage.setItem(STAMP, write.id);
    } catch (error) {
      storage.removeItem(STAMP); // no stamp rather than an old one: the next write here is checked again
    }
  }
  try {
    if (write.clear) window.sessionStorage.setItem(HAD, "0");
    else if (Object.keys(write.set || {}).length) window.sessionStorage.setItem(HAD, "1");
  } catch (error) {
    // Without sessionStorage only the "storage was cleared" notice is lost.
  }
  return null;
}

function isFull(error) {
  return Boolean(error) && (error.name === "QuotaExceededError" || error.code === 22 || error.code === 1014);
}
