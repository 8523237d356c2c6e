// Keyboard shortcuts (issue 24): "/" search, "g t" Today, "g p" People, "n" the page's own
// "new" (else a new person), "?" the list of them. None while typing in a field, none with
// Ctrl, Alt or Cmd: those keys belong to the field, the browser and live mode (Alt+R).
(function () {
  var waitingForG = false, gTimer = null;

  function typing(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }
  function help() { return document.getElementById("shortcuts"); }
  function openHelp() {
    var dialog = help();
    if (dialog && !dialog.open) dialog.showModal();
  }
  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) window.location.assign(link.href);
  }
  function startNew() {
    var here = document.querySelector("[data-shortcut-new]");
    if (!here) {  // no "new" of its own here: a new person
      var people = document.querySelector("[data-go=p][data-new]");
      if (people) window.location.assign(people.dataset.new);
      return;
    }
    if (here.href) return window.location.assign(here.href);
    var field = here.querySelector("input:not([type=hidden]), textarea, select");
    if (field) { here.scrollIntoView(); field.focus(); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || (help() && help().open)) return;
    var key = event.key;
    if (waitingForG) {
      waitingForG = false;
      clearTimeout(gTimer);
      if (key === "t" || key === "p") { event.preventDefault(); follow("[data-go=" + key + "]"); }
      return;
    }
    if (key === "/") {
      var search = document.getElementById("nav-q");
      if (search) { event.preventDefault(); search.focus(); }
    } else if (key === "?") {
      event.preventDefault();
      openHelp();
    } else if (key === "g") {
      waitingForG = true;
      gTimer = setTimeout(function () { waitingForG = false; }, 1500);
    } else if (key === "n") {
      event.preventDefault();
      startNew();
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-shortcuts]")) openHelp();
  });
})();
