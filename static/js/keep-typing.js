// Live updates must not take text from under someone's fingers. When a region
// pushed over the socket would replace the field this person is typing in, and
// the new region still has that field, the region is not swapped: the other
// fields marked [data-live-field] take their new values in place and the
// focused one is left alone. When the person leaves the field, the page asks
// the server for a fresh copy of everything (after their last save has gone).
(function () {
  "use strict";

  var fromSocket = false;
  var deferred = false;
  var RESYNC_AFTER_MS = 1500;

  function isTyping(el) {
    return el && el.id && el.matches("input[type='text'], textarea, select");
  }

  document.addEventListener("htmx:wsBeforeMessage", function () { fromSocket = true; });
  document.addEventListener("htmx:wsAfterMessage", function () { fromSocket = false; });

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var active = document.activeElement;
    var detail = event.detail;
    if (!fromSocket || !isTyping(active) || !detail.target.contains(active)) { return; }
    var incoming = detail.fragment.querySelector("#" + CSS.escape(active.id));
    if (!incoming) { return; }  // the field is gone: the page moved on, so swap as usual
    detail.shouldSwap = false;
    deferred = true;
    detail.fragment.querySelectorAll("[data-live-field]").forEach(function (field) {
      var here = document.getElementById(field.id);
      if (here && here !== active && here.value !== field.value) { here.value = field.value; }
    });
  });

  document.addEventListener("focusout", function (event) {
    if (!deferred || !isTyping(event.target)) { return; }
    deferred = false;
    setTimeout(function () { document.dispatchEvent(new CustomEvent("northstar:resync")); }, RESYNC_AFTER_MS);
  });
})();
