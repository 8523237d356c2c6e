// The people list's selection (SPEC U2): click, shift-click for a range, the page's box
// for every row shown, "select all N" for everyone the filter matches.
(function () {
  var form = document.getElementById("bulk");
  if (!form) return;
  var rows = Array.from(document.querySelectorAll("[data-bulk-row]"));
  var page = document.querySelector("[data-bulk-page]");
  var all = form.querySelector("[data-bulk-all]");
  var count = form.querySelector("[data-bulk-count]");
  var last = null;
  function update() {
    var chosen = rows.filter(function (box) { return box.checked; }).length;
    if (all.checked) {
      count.textContent = "Everyone " + (all.parentElement.textContent.trim().replace(/^Select all /, "")) + " selected";
    } else {
      count.textContent = chosen ? chosen + " selected" : "Nobody selected";
    }
    page.checked = chosen === rows.length && rows.length > 0;
    page.indeterminate = chosen > 0 && chosen < rows.length;
  }
  rows.forEach(function (box) {
    box.addEventListener("click", function (event) {
      if (event.shiftKey && last !== null) {
        var from = rows.indexOf(last), to = rows.indexOf(box);
        rows.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(function (other) {
          other.checked = box.checked;
        });
      }
      last = box;
      if (!box.checked) all.checked = false;
      update();
    });
  });
  page.addEventListener("change", function () {
    rows.forEach(function (box) { box.checked = page.checked; });
    if (!page.checked) all.checked = false;
    update();
  });
  all.addEventListener("change", function () {
    if (all.checked) rows.forEach(function (box) { box.checked = true; });
    update();
  });
  form.addEventListener("submit", function (event) {
    var chosen = all.checked || rows.some(function (box) { return box.checked; });
    if (!chosen) {
      event.preventDefault();
      count.textContent = "Select someone first";
    }
  });
  update();
})();
