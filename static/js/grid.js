// The values grid (templates/measures/grid.html): each cell saves itself as people type.
// - Saves a cell 700 ms after the last key, or at once when it loses focus.
// - Shows "Saving…", "Saved 14:05", the server's reason for refusing, or "Not saved yet".
// - Keeps what was typed in this browser (localStorage) until the server has it, so a reload,
//   a closed tab or a dropped connection loses nothing; retries every few seconds.
// - Enter moves to the same node's cell in the next row, as in a spreadsheet.
// Without this script the form still works: "Save all" sends every cell at once.
(function () {
  "use strict";

  var DELAY_MS = 700;
  var RETRY_MS = 3000;

  function pageToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function setUp(form) {
    var url = form.dataset.gridCellUrl;
    var prefix = "northstar-grid:" + form.dataset.gridKey + ":";
    var timers = {};
    var cells = Array.prototype.slice.call(form.querySelectorAll("input[data-node]"));

    function statusOf(field) { return document.getElementById(field.id + "-status"); }

    function say(field, text, problem) {
      var status = statusOf(field);
      if (!status) { return; }
      status.textContent = text;
      status.classList.toggle("cell-problem", !!problem);
      if (problem) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
    }

    function remember(field) {
      try {
        if (field.value === field.dataset.base) { localStorage.removeItem(prefix + field.name); }
        else { localStorage.setItem(prefix + field.name, field.value); }
      } catch (e) { /* private mode: the retry loop still holds it while the page is open */ }
    }

    function unsent(field) { return field.value !== field.dataset.base && !field.dataset.refused; }

    function save(field) {
      clearTimeout(timers[field.name]);
      if (!unsent(field) || field.dataset.saving) { return; }
      var sent = field.value;
      var body = new FormData();
      body.append("node", field.dataset.node);
      body.append("period", field.dataset.period);
      body.append("value", sent);
      field.dataset.saving = "1";
      say(field, "Saving…", false);
      fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": pageToken() } })
        .then(function (response) {
          return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
        })
        .then(function (result) {
          delete field.dataset.saving;
          if (result.ok) {
            field.dataset.base = sent;
            var time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
            say(field, sent === "" ? "Cleared " + time : "Saved " + time, false);
            remember(field);
            if (field.value !== sent) { schedule(field); }
          } else {
            field.dataset.refused = sent;
            say(field, result.answer.error || "Not saved.", true);
          }
        })
        .catch(function () {
          delete field.dataset.saving;
          say(field, "Not saved yet: connection lost. It saves when the connection is back.", true);
        });
    }

    function schedule(field) {
      clearTimeout(timers[field.name]);
      timers[field.name] = setTimeout(function () { save(field); }, DELAY_MS);
    }

    cells.forEach(function (field, index) {
      try {
        var kept = localStorage.getItem(prefix + field.name);
        if (kept !== null && kept !== field.value) {
          field.value = kept;
          say(field, "Typed earlier, not saved yet: saving…", false);
        }
      } catch (e) { /* no storage: nothing to restore */ }
      field.addEventListener("input", function () {
        delete field.dataset.refused;
        remember(field);
        schedule(field);
      });
      field.addEventListener("change", function () { save(field); });
      field.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") { return; }
        event.preventDefault();
        save(field);
        var below = cells.slice(index + 1).filter(function (other) { return other.dataset.node === field.dataset.node; })[0];
        if (below) { below.focus(); below.select(); }
      });
    });

    cells.filter(unsent).forEach(save);
    setInterval(function () { cells.filter(unsent).forEach(save); }, RETRY_MS);
    window.addEventListener("beforeunload", function (event) {
      if (cells.some(unsent)) { event.preventDefault(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-grid-cell-url]"), setUp);
  });
})();
