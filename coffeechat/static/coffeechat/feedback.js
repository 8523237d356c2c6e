// Every htmx request that fails says so where the user is looking (issue 24): next to the
// form or button that sent it, in words taken from the server's answer when it has some.
(function () {
  function place(element) {
    return element.closest("form") || element;
  }
  function box(element) {
    var anchor = place(element), next = anchor.nextElementSibling;
    if (next && next.classList.contains("request-error")) return next;
    var created = document.createElement("p");
    created.className = "request-error";
    created.setAttribute("role", "alert");
    anchor.insertAdjacentElement("afterend", created);
    return created;
  }
  function clear(element) {
    var next = place(element).nextElementSibling;
    if (next && next.classList.contains("request-error")) next.remove();
  }
  function reason(xhr) {
    var page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var said = page.querySelector("[data-error-message]") || page.querySelector(".form-errors") ||
      page.querySelector("main [role=alert]");
    var text = said ? said.textContent.replace(/\s+/g, " ").trim() : "";
    if (text) return text;
    return xhr.status >= 500
      ? "Something went wrong on the server (error " + xhr.status + "). Nothing was saved: try again."
      : "That did not work (error " + xhr.status + ").";
  }
  document.addEventListener("htmx:responseError", function (event) {
    box(event.detail.elt).textContent = reason(event.detail.xhr);
  });
  document.addEventListener("htmx:sendError", function (event) {
    box(event.detail.elt).textContent =
      "coffeechat could not be reached: is it still running? Nothing was saved.";
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) clear(event.detail.elt);
  });
})();
