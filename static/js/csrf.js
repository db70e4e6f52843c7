// Gives a form that is about to be sent the normal way its CSRF token.
//
// Live updates render their regions on the server without a request, so their forms carry no
// token of their own; htmx sends the page's token (hx-headers on <body>) with each request it
// makes. A form htmx has not taken over yet (Enter pressed a moment after a live update, or a
// page whose script failed to load) is sent by the browser instead: without this, the server
// would refuse it as expired. The page's own token is valid for this reader alone.
(function () {
  "use strict";

  function pageToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    var token = pageToken();
    if (!token) { return; }
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrfmiddlewaretoken";
      form.appendChild(field);
    }
    if (!field.value) { field.value = token; }
  }, true);
})();
