// Delivers the answer to a click whose button a live update has meanwhile replaced.
//
// htmx looks for an answer's out-of-band regions in the document of the element that made the
// request. When a live update redraws the region around a button while its request is on the
// way (the push of that very change often arrives first), the button is no longer in the page:
// htmx finds none of the answer's regions, and the answer is lost with everything only it
// carries (a save's "Saved 14:05:09", a refusal's reasons, the change counter live.js checks).
// Here such an answer is swapped against the page itself, and the events its headers announce
// (fieldRefused) are fired where the page's scripts listen.
(function () {
  "use strict";

  function announce(xhr) {
    var header = xhr.getResponseHeader("HX-Trigger");
    if (!header) { return; }
    var events;
    try { events = JSON.parse(header); } catch (e) { events = null; }
    if (events && typeof events === "object") {
      Object.keys(events).forEach(function (name) { htmx.trigger(document.body, name, events[name]); });
    } else {
      header.split(",").forEach(function (name) { if (name.trim()) { htmx.trigger(document.body, name.trim()); } });
    }
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var xhr = event.detail.xhr;
    if (!elt || !xhr) { return; }
    function onSwap(swapEvent) {
      if (swapEvent.detail.xhr !== xhr) { return; }
      elt.removeEventListener("htmx:beforeSwap", onSwap);
      if (elt.isConnected || !swapEvent.detail.shouldSwap) { return; }
      swapEvent.detail.shouldSwap = false;
      announce(xhr);
      htmx.swap(document.body, swapEvent.detail.serverResponse, { swapStyle: "none" });
    }
    // On the element itself: an event fired on an element that left the page reaches no one else.
    elt.addEventListener("htmx:beforeSwap", onSwap);
    xhr.addEventListener("loadend", function () { elt.removeEventListener("htmx:beforeSwap", onSwap); });
  });
})();
