// coffeechat's few lines of script: no inline handlers, so a strict CSP can apply.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var source = document.querySelector(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.value || source.textContent).then(function () {
    button.textContent = "Copied";
  });
});

// A tick-box that saves itself (the form still works without script).
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) event.target.form.requestSubmit();
});

// Live mode (SPEC C1): a countdown started on the server (a reload keeps the time left),
// the current question, prompts, and Alt+R to name a referral.
(function () {
  var live = document.querySelector("[data-live]");
  if (!live) return;
  var total = Number(live.dataset.minutes) * 60, wrapUp = Number(live.dataset.wrapUp) * 60;
  var clock = live.querySelector("[data-clock]"), word = live.querySelector("[data-clock-word]");
  var warning = live.querySelector("[data-warning]");
  function tick() {
    var started = Number(live.dataset.started) * 1000;
    if (!started) return;
    var elapsed = Math.max(0, Math.floor((Date.now() - started) / 1000)), left = total - elapsed;
    var shown = Math.abs(left);
    clock.textContent = Math.floor(shown / 60) + ":" + String(shown % 60).padStart(2, "0");
    word.textContent = left < 0 ? "over" : "left";
    warning.hidden = elapsed < wrapUp;
    live.classList.toggle("overtime", left < 0);
  }
  setInterval(tick, 1000);
  tick();
  document.addEventListener("keydown", function (event) {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.toLowerCase() === "r") {
      var name = document.getElementById("referral-name");
      if (name) { event.preventDefault(); name.focus(); }
    }
  });

  var questions = Array.from(live.querySelectorAll("[data-question]"));
  var current = Number(live.dataset.current) || 0;
  function show(index) {
    if (!questions.length) return;
    var before = current;
    current = Math.max(0, Math.min(questions.length - 1, index));
    if (current !== before) tellServer(live.dataset.markUrl, {question: questions[current].dataset.question});
    questions.forEach(function (q, i) {
      q.classList.toggle("current", i === current);
      q.classList.toggle("next", i === current + 1);
    });
    questions[current].querySelector("textarea").focus();
  }
  live.querySelector("[data-next]").addEventListener("click", function () { show(current + 1); });
  live.querySelector("[data-previous]").addEventListener("click", function () { show(current - 1); });
  live.addEventListener("click", function (event) {
    var prompt = event.target.closest("[data-prompt]");
    if (!prompt || !questions.length) return;
    var area = questions[current].querySelector("textarea");
    area.value += (area.value ? "\n" : "") + "↳ " + prompt.dataset.prompt + " ";
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  });
})();

function csrfToken() {
  return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
}

// A small POST of form fields (or a FormData) to the server; resolves to the response.
function tellServer(url, fields) {
  var body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  return fetch(url, {method: "POST", body: body, credentials: "same-origin",
                     headers: {"X-CSRFToken": csrfToken()}});
}

// Recording in live mode (C3): only after consent is ticked (the button exists only
// then), the microphone is asked for on the click. Every 5 s the piece recorded so far
// is sent and appended on the server, in order, so a closed tab loses only seconds.
(function () {
  var box = document.querySelector("[data-recorder]");
  if (!box) return;
  var start = box.querySelector("[data-record]"), stop = box.querySelector("[data-stop]");
  var status = box.querySelector("[data-record-status]");
  var recorder = null, queue = [], sending = false, take = "", number = 0, began = 0;
  function say(text) { status.textContent = text; }
  function send() {
    if (sending || !queue.length) return;
    sending = true;
    var piece = queue[0], form = new FormData();
    form.append("take", take); form.append("number", piece.number);
    form.append("elapsed", Date.now() - began); form.append("chunk", piece.blob, "chunk");
    tellServer(box.dataset.url, form).then(function (response) {
      sending = false;
      if (response.ok) {
        queue.shift();
        say(recorder ? "Recording… " + Math.round((Date.now() - began) / 1000) + " s, saved as it goes."
                     : (queue.length ? "Saving the last seconds…" : "Recording saved."));
        send();
      } else {
        say("The server refused the recording (" + response.status + "). Recording stopped.");
        if (recorder && recorder.state !== "inactive") recorder.stop();
      }
    }, function () {
      sending = false;
      say("Offline: the recording waits on this page and is sent when the server answers.");
      setTimeout(send, 2000);
    });
  }
  start.addEventListener("click", function () {
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      say("This browser cannot record; record on your phone and attach the file afterwards.");
      return;
    }
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      recorder = new MediaRecorder(stream);
      take = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      number = 0; began = Date.now();
      recorder.addEventListener("dataavailable", function (event) {
        if (!event.data.size) return;
        queue.push({number: number++, blob: event.data});
        send();
      });
      recorder.addEventListener("stop", function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        recorder = null; start.hidden = false; stop.hidden = true;
      });
      recorder.start(5000);
      start.hidden = true; stop.hidden = false;
      say("Recording…");
    }, function () {
      say("The microphone was not allowed; nothing is recorded.");
    });
  });
  stop.addEventListener("click", function () { if (recorder) recorder.stop(); });
})();

// Nothing typed is lost: every note keeps a local draft until the server has it.
(function () {
  var status = document.querySelector("[data-sync-status]");
  function say(text) { if (status) status.textContent = text; }
  function pending(area) { return localStorage.getItem(area.dataset.draft + "-pending") === "1"; }
  function unsent() {
    return Array.prototype.some.call(document.querySelectorAll("textarea[data-draft]"), pending);
  }
  document.querySelectorAll("textarea[data-draft]").forEach(function (area) {
    var draft = localStorage.getItem(area.dataset.draft);
    if (pending(area) && draft !== null && draft !== area.value) {
      area.value = draft;  // typed before a reload or an outage: send it now
      setTimeout(function () { htmx.trigger(area, "draft-sync"); }, 0);
    }
  });
  document.addEventListener("input", function (event) {
    var area = event.target;
    if (!area.matches || !area.matches("textarea[data-draft]")) return;
    localStorage.setItem(area.dataset.draft, area.value);
    localStorage.setItem(area.dataset.draft + "-pending", "1");
    say("Saving…");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var area = event.detail.elt;
    if (!area.matches || !area.matches("textarea[data-draft]")) return;
    if (event.detail.successful && localStorage.getItem(area.dataset.draft) === area.value) {
      localStorage.removeItem(area.dataset.draft + "-pending");
      // Another note may still wait for its turn (typed less than half a second ago).
      say(unsent() ? "Saving…" : "All notes saved.");
      retryIn = FIRST_RETRY;
    } else if (!event.detail.successful) {
      say("Offline: notes are kept on this device and will be sent when the server answers.");
      retrySoon();  // a busy server (503) or a dropped connection is often back at once
    }
  });
  function resend() {
    document.querySelectorAll("textarea[data-draft]").forEach(function (area) {
      if (pending(area)) htmx.trigger(area, "draft-sync");
    });
  }
  // After a failed save: again in 2 s, then 4, 8, at most every 15 s, until one succeeds.
  var FIRST_RETRY = 2000, retryIn = FIRST_RETRY, retryTimer = null;
  function retrySoon() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; resend(); }, retryIn);
    retryIn = Math.min(retryIn * 2, 15000);
  }
  window.addEventListener("online", resend);
  setInterval(resend, 15000);
})();

// A referral added: clear the little form for the next name.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  if (event.detail.successful && form.matches && form.matches(".referral-form")) {
    form.reset();
    form.querySelector("input[name=name]").focus();
  }
});

// Today: a task cleared in place takes its focused button with it. Keep the keyboard's
// place on the task that moved up (or on the list's heading), not back at the top.
(function () {
  var clearedAt = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var task = event.detail.elt.closest && event.detail.elt.closest("#tasks .task");
    var tasks = Array.prototype.slice.call(document.querySelectorAll("#tasks .task"));
    clearedAt = task ? tasks.indexOf(task) : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (clearedAt === null || !document.getElementById("tasks")) return;
    var tasks = document.querySelectorAll("#tasks .task");
    var next = tasks[Math.min(clearedAt, tasks.length - 1)];
    var target = next ? next.querySelector("a") : document.querySelector("#tasks h2");
    clearedAt = null;
    if (!target) return;
    if (!next) target.setAttribute("tabindex", "-1");
    target.focus();
  });
})();
