// Spinewell's data in the person's own browser (localStorage), for a hosted Spinewell: the server keeps nothing.
// Python sends what to write (data.write) and the session it belongs to (data.session); this reads what the browser
// holds once for each server session and reports it (state "held"), and reports a write only when it fails (state
// "wrote"), so a save costs no extra run. Only keys named spinewell.* are read or written.
const PREFIX = "spinewell.";
const KEYS = ["spinewell.profile", "spinewell.diary"];
const HAD = "spinewell.had"; // in sessionStorage: this tab saved something here, so finding nothing means it was cleared

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (!data || !data.session) return;
  const me = parentElement.__swStore || (parentElement.__swStore = { reportedFor: null, done: new Set() });

  const write = data.write;
  if (write && write.id && !me.done.has(write.id)) {
    me.done.add(write.id);
    const failed = apply(write);
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
    return { values, sizes, had };
  } catch (error) {
    return { unavailable: true };
  }
}

// Put damaged values aside, then set and remove keys. Returns nothing when all went well, else what failed.
function apply(write) {
  const storage = window.localStorage;
  try {
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
