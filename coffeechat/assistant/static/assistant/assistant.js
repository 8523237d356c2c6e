/* The writing assistant (issue 23): "Draft with assistant" streams a draft into the
   editor beside it. The server answers with server-sent events (read here with fetch,
   since EventSource cannot POST), or with a small HTML panel: the preview of what would
   be sent before the first use, a reason it is off, a summary. Cancel aborts the request,
   and the editor gets back the text it had: nothing is half-replaced. */
(function () {
  "use strict";
  if (window.coffeechatAssistant) { return; }
  window.coffeechatAssistant = true;

  var running = new WeakMap();

  function part(box, name) { return box.querySelector("[data-assistant-" + name + "]"); }

  function say(box, text) { part(box, "status").textContent = text; }

  function formData(box, consent) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", box.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("kind", box.dataset.kind);
    if (box.dataset.person) { data.append("person", box.dataset.person); }
    if (box.dataset.conversation) { data.append("conversation", box.dataset.conversation); }
    if (box.dataset.include) {
      var form = document.querySelector(box.dataset.include);
      ["approach", "form", "channel", "exploration"].forEach(function (name) {
        var field = form && form.elements[name];
        if (field && field.value) { data.append(name, field.value); }
      });
    }
    if (consent) { data.append("consent", "yes"); }
    return data;
  }

  function finish(box, message) {
    running.delete(box);
    part(box, "start").disabled = false;
    part(box, "cancel").hidden = true;
    if (message !== undefined) { say(box, message); }
  }

  function restore(box) {
    var state = running.get(box);
    if (state && state.editor) {
      state.editor.value = state.original;
      state.editor.dispatchEvent(new Event("input", {bubbles: true}));
    }
  }

  function showPanel(box, html) {
    part(box, "panel").innerHTML = html;  // from our own server, escaped by Django
  }

  function start(box, consent) {
    var editor = box.dataset.target ? document.querySelector(box.dataset.target) : null;
    var controller = new AbortController();
    running.set(box, {controller: controller, editor: editor,
                      original: editor ? editor.value : ""});
    part(box, "start").disabled = true;
    part(box, "cancel").hidden = false;
    showPanel(box, "");
    say(box, "Asking the model…");
    fetch(box.dataset.url, {method: "POST", body: formData(box, consent),
                            signal: controller.signal, credentials: "same-origin",
                            headers: {"Accept": "text/event-stream, text/html"}})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("text/event-stream") === 0) { return stream(box, response); }
        return response.text().then(function (html) {
          if (!response.ok) {  // an error page: show its one sentence, not the page
            var page = new DOMParser().parseFromString(html, "text/html");
            var said = page.querySelector("[role=alert] p");
            html = "";
            showPanel(box, "");
            var note = document.createElement("div");
            note.className = "notice assistant-failed";
            note.textContent = (said ? said.textContent : response.statusText) +
                               " The template still works.";
            part(box, "panel").appendChild(note);
          } else {
            showPanel(box, html);
          }
          var preview = box.querySelector("[data-assistant-preview]");
          finish(box, preview ? "Check what would be sent first." :
                 (response.ok ? "" : "The draft could not be made."));
        });
      })
      .catch(function (error) {
        if (error.name === "AbortError") {
          restore(box);
          finish(box, "Cancelled: the editor has its earlier text back.");
        } else {
          restore(box);
          finish(box, "The connection to coffeechat was lost; the editor has its earlier text back.");
        }
      });
  }

  function stream(box, response) {
    var state = running.get(box);
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    var ended = false;
    if (state.editor) { state.editor.readOnly = false; }

    function handle(name, data) {
      var editor = state.editor;
      if (name === "attempt") {
        if (editor) { editor.value = ""; }
        say(box, data.number > 1 ? "Writing draft " + data.number + " with the checker's findings…"
                                 : "Writing…");
      } else if (name === "token") {
        if (editor) { editor.value += data.text; }
      } else if (name === "retry") {
        say(box, "That draft broke a rule (" + data.findings.join(", ").toLowerCase() +
                 "); asking again…");
      } else if (name === "done") {
        ended = true;
        if (editor) {
          editor.value = data.text;
          editor.dispatchEvent(new Event("input", {bubbles: true}));
        }
        showPanel(box, data.html);
        finish(box, data.severity === "ok" ? "Draft ready: the checker has nothing to flag."
                                            : "Draft ready, with the checker's findings below.");
      } else if (name === "error") {
        ended = true;
        restore(box);
        showPanel(box, "");
        var note = document.createElement("div");
        note.className = "notice assistant-failed";
        note.textContent = data.message + " The editor has its earlier text back.";
        part(box, "panel").appendChild(note);
        finish(box, "No draft.");
      }
    }

    function parse(block) {
      var name = "message", data = "";
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event: ") === 0) { name = line.slice(7); }
        else if (line.indexOf("data: ") === 0) { data += line.slice(6); }
      });
      if (data) { handle(name, JSON.parse(data)); }
    }

    function pump() {
      return reader.read().then(function (result) {
        if (result.done) {
          if (!ended) {
            restore(box);
            finish(box, "The answer stopped before the end; the editor has its earlier text back.");
          }
          return;
        }
        buffer += decoder.decode(result.value, {stream: true});
        var cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          parse(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
        return pump();
      });
    }
    return pump();
  }

  document.addEventListener("click", function (event) {
    var box = event.target.closest("[data-assistant]");
    if (!box) { return; }
    if (event.target.closest("[data-assistant-start]")) { start(box, false); }
    else if (event.target.closest("[data-assistant-consent]")) { start(box, true); }
    else if (event.target.closest("[data-assistant-decline]")) {
      showPanel(box, ""); say(box, "Nothing was sent.");
    } else if (event.target.closest("[data-assistant-cancel]")) {
      var state = running.get(box);
      if (state) { state.controller.abort(); }
    } else {
      var accept = event.target.closest("[data-assistant-accept]");
      if (accept) {
        var field = document.querySelector(accept.dataset.assistantAccept);
        var section = accept.closest("[data-topic]");
        var sentences = Array.prototype.map.call(
          section.querySelectorAll("[data-sentence]"), function (s) { return s.textContent; });
        if (field) {
          field.value = (field.value.trim() ? field.value.trim() + "\n\n" : "") + sentences.join(" ");
          field.dispatchEvent(new Event("input", {bubbles: true}));
          accept.textContent = "Added: edit it above, then save";
          accept.disabled = true;
        }
      }
    }
  });
})();
