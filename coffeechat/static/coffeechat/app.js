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
