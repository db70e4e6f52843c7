// Keeps the live connection honest: shows whether it is up, reconnects after
// any close the htmx extension does not retry itself (a server restart says
// "going away"), and asks for the whole state again when a laptop wakes up.
(function () {
  "use strict";

  var RETRIED_BY_HTMX = [1006, 1011, 1012, 1013];
  var REFUSED = 4403;

  function setStatus(text, state) {
    document.querySelectorAll("[data-connection-status]").forEach(function (el) {
      el.textContent = text;
      el.dataset.state = state;
    });
  }

  function socketOf(el) {
    var data = el["htmx-internal-data"];
    return data && data.webSocket;
  }

  function resync() {
    document.querySelectorAll("[ws-connect]").forEach(function (el) {
      var wrapper = socketOf(el);
      if (!wrapper || !wrapper.socket) { return; }
      if (wrapper.socket.readyState === WebSocket.OPEN) {
        wrapper.socket.send("{}");  // any message asks the server for every region again
      } else if (wrapper.socket.readyState === WebSocket.CLOSED) {
        wrapper.init();
      }
    });
  }

  document.addEventListener("htmx:wsConnecting", function () { setStatus("Connecting…", "connecting"); });
  document.addEventListener("htmx:wsOpen", function () { setStatus("Live", "open"); });
  document.addEventListener("htmx:wsClose", function (event) {
    var code = event.detail.event.code;
    if (code === REFUSED) {
      setStatus("Disconnected: reload the page", "refused");
      return;
    }
    setStatus("Reconnecting…", "closed");
    if (RETRIED_BY_HTMX.indexOf(code) === -1) {
      var wrapper = socketOf(event.target);
      setTimeout(function () {
        if (wrapper && wrapper.socket.readyState === WebSocket.CLOSED) { wrapper.init(); }
      }, 1000 + Math.random() * 2000);
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { resync(); }
  });
  window.addEventListener("online", resync);
  document.addEventListener("northstar:resync", resync);
})();
