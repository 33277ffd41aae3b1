// The guided session's timer and rep counter. It runs in the browser: nothing here talks to the server, so the page
// does not rerun while it counts. One instance per step (the page keys it by step); calling it again with the same
// step keeps it counting.
export default function (component) {
  const { data, parentElement } = component;
  const root = parentElement.querySelector(".sw-timer");
  if (!root || !data) return;
  if (parentElement.__swTimer && parentElement.__swTimer.id === data.id) return;
  if (parentElement.__swTimer) parentElement.__swTimer.stop();

  const shown = root.querySelector(".sw-count");
  const caption = root.querySelector(".sw-caption");
  const said = root.querySelector(".sw-said");
  const main = root.querySelector(".sw-main");
  const again = root.querySelector(".sw-again");
  let interval = null;
  const stop = () => { if (interval !== null) clearInterval(interval); interval = null; };
  parentElement.__swTimer = { id: data.id, stop };
  root.querySelector(".sw-label").textContent = data.label;
  const announce = (text) => { said.textContent = ""; setTimeout(() => { said.textContent = text; }, 50); };

  if (data.mode === "reps") {
    let count = 0;
    const draw = () => {
      shown.textContent = String(count);
      caption.textContent = data.of;
      root.dataset.count = String(count);
      again.disabled = count === 0; // nothing to count again yet
    };
    main.textContent = "Count a rep";
    again.textContent = "Count again";
    main.onclick = () => {
      count += 1;
      draw();
      if (count === data.reps) announce(data.end);
    };
    again.onclick = () => { count = 0; draw(); };
    draw();
    return;
  }

  let left = data.seconds * 1000;
  let endsAt = null;
  const draw = () => {
    const seconds = Math.ceil(left / 1000);
    const minutes = Math.floor(seconds / 60);
    shown.textContent = `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
    root.dataset.secondsLeft = String(seconds);
  };
  const tick = () => {
    if (!root.isConnected) { stop(); return; }
    left = Math.max(0, endsAt - Date.now());
    draw();
    if (left === 0) {
      stop();
      endsAt = null;
      main.textContent = "Start";
      main.disabled = true;
      caption.textContent = "Time's up";
      announce(data.end);
      chime();
    }
  };
  const pause = () => {
    stop();
    left = Math.max(0, endsAt - Date.now());
    endsAt = null;
    main.textContent = "Carry on";
    caption.textContent = "Paused";
    announce("Paused.");
  };
  main.textContent = "Start";
  again.textContent = "Start again";
  caption.textContent = data.caption;
  main.disabled = false;
  main.onclick = () => {
    if (endsAt !== null) { pause(); return; }
    endsAt = Date.now() + left;
    again.disabled = false;
    main.textContent = "Pause";
    caption.textContent = "Counting down";
    interval = setInterval(tick, 200);
  };
  again.onclick = () => {
    stop();
    endsAt = null;
    left = data.seconds * 1000;
    main.textContent = "Start";
    main.disabled = false;
    again.disabled = true; // back to the start: nothing to start again yet
    caption.textContent = data.caption;
    draw();
  };
  again.disabled = true;
  draw();
}

// A short, soft tone made in the browser (no sound file, no other host), for someone who is not looking.
function chime() {
  try {
    const audio = new (window.AudioContext || window.webkitAudioContext)();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 660;
    volume.gain.setValueAtTime(0.15, audio.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.8);
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.8);
  } catch (error) {
    // No sound is fine: the words on screen and the announcement say the same.
  }
}
