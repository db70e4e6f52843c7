// Counts down every [data-timer] from the deadline the server sent. The
// browser's own clock may be wrong, so the countdown uses the offset between
// the server's "now" and the browser's at the moment the timer arrived.
(function () {
  "use strict";

  var offsets = new WeakMap();

  function format(seconds) {
    var total = seconds >= 0 ? Math.ceil(seconds - 0.001) : Math.floor(-seconds);
    var minutes = Math.floor(total / 60);
    var rest = total % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function remainingOf(el) {
    if (el.dataset.state !== "running" || !el.dataset.deadlineMs) {
      return parseFloat(el.dataset.remaining);
    }
    if (!offsets.has(el)) {
      offsets.set(el, parseInt(el.dataset.serverNowMs, 10) - Date.now());
    }
    var serverNow = Date.now() + offsets.get(el);
    return (parseInt(el.dataset.deadlineMs, 10) - serverNow) / 1000;
  }

  function render(el) {
    var remaining = remainingOf(el);
    var clock = el.querySelector(".timer-clock");
    var status = el.querySelector("[data-timer-status]");
    var up = remaining <= 0;
    el.classList.toggle("is-up", up);
    if (clock) { clock.textContent = (up ? "+" : "") + format(remaining); }
    if (status) {
      if (up) { status.textContent = "Time is up"; }
      else if (el.dataset.state === "paused") { status.textContent = "Paused"; }
      else if (el.dataset.state === "idle") { status.textContent = "Not started"; }
      else { status.textContent = "left"; }
    }
  }

  // The agenda's "actual" of the segment the group is in, and the minutes so far, go on counting
  // between live updates from what the server counted when it drew them.
  function countUp(el) {
    if (!offsets.has(el)) {
      offsets.set(el, parseInt(el.dataset.serverNowMs, 10) - Date.now());
    }
    var drawnAt = parseInt(el.dataset.serverNowMs, 10);
    var seconds = parseFloat(el.dataset.seconds) + (Date.now() + offsets.get(el) - drawnAt) / 1000;
    var count = el.querySelector(".count");
    if (count) {
      count.textContent = el.dataset.format === "minutes" ? String(Math.round(seconds / 60)) : format(seconds);
    }
    if (el.dataset.plannedSeconds) { el.classList.toggle("over", seconds > parseFloat(el.dataset.plannedSeconds)); }
  }

  function tick() {
    document.querySelectorAll("[data-timer]").forEach(render);
    document.querySelectorAll("[data-count-up]").forEach(countUp);
  }

  setInterval(tick, 250);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSettle", tick);
  document.addEventListener("htmx:wsAfterMessage", tick);
})();
