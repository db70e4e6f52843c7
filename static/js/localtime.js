// The server writes moments in UTC ("finish around 14:05 UTC"); a workshop's people sit in
// many time zones. Each <time data-local> is rewritten in the reader's own zone, on load and
// whenever htmx brings new content (live updates, autosave answers).
(function () {
  "use strict";

  var formats = {
    time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
    seconds: { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
    datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
  };

  function localise(root) {
    var found = root.querySelectorAll ? Array.prototype.slice.call(root.querySelectorAll("time[data-local]")) : [];
    if (root.matches && root.matches("time[data-local]")) { found.push(root); }
    found.forEach(function (element) {
      var moment = new Date(element.getAttribute("datetime"));
      var format = formats[element.dataset.local];
      if (!format || isNaN(moment.getTime())) { return; }
      element.textContent = new Intl.DateTimeFormat("en-GB", format).format(moment).replace(" at ", ", ");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { localise(document); });
  document.addEventListener("htmx:load", function (event) { localise(event.target); });
})();
