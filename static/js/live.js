// Keeps the live connection honest: shows whether it is up, reconnects after
// any close the htmx extension does not retry itself (a server restart says
// "going away"), and asks for the whole state again whenever this page may
// have missed something: a skipped change number, a reconnect, a laptop that
// slept, a tab that comes back after a while.
(function () {
  "use strict";

  var RETRIED_BY_HTMX = [1006, 1011, 1012, 1013];
  var REFUSED = 4403;
  // The workshop has ended: the page shows the result and the socket is done for good.
  var ENDED = 4410;
  // The server closed this page's socket for going over a limit: it stays closed (reconnecting
  // would only be refused again) and the page says why. Codes from workshops/consumers.py.
  var OVER_LIMIT = {
    4429: "Disconnected: this browser has too many workshop pages open. Close some, then reload this page.",
    4008: "Disconnected: this page sent too many messages. Reload the page to reconnect."
  };
  var AWAY_MS = 30 * 1000;      // back after this long: ask for everything
  var TICK_MS = 5 * 1000;       // a tick that arrives much later means the machine slept
  var MAX_RETRY_MS = 8 * 1000;  // never wait longer than this between reconnects

  // htmx's default doubles up to 64 s; a workshop cannot wait that long.
  htmx.config.wsReconnectDelay = function (retryCount) {
    return Math.min(1000 * Math.pow(2, retryCount), MAX_RETRY_MS) * (0.5 + Math.random() / 2);
  };

  var lastVersion = null;

  function setStatus(text, state) {
    document.querySelectorAll("[data-connection-status]").forEach(function (el) {
      el.textContent = text;
      el.dataset.state = state;
    });
  }

  // Each live element's socket, as the extension's events describe it: its socketWrapper (the
  // extension's public face: send, reconnect) and whether the socket is "connecting", "open" or
  // "closed" ("stopped": closed for good). Nothing here reads the extension's private data.
  var sockets = new Map();

  function note(el, state, wrapper) {
    var known = sockets.get(el) || {};
    sockets.set(el, { state: state, wrapper: wrapper || known.wrapper || null });
  }

  function resync() {
    sockets.forEach(function (socket, el) {
      if (!el.isConnected) { sockets.delete(el); return; }
      if (!socket.wrapper) { return; }  // never opened yet: its first connection brings everything
      if (socket.state === "open") {
        socket.wrapper.send("{}");  // any message asks the server for every region again
      } else if (socket.state === "closed") {
        socket.wrapper.reconnect();
      }
    });
  }

  function versionOnPage() {
    var el = document.getElementById("live-version");
    return el ? { number: parseInt(el.dataset.version, 10), full: el.hasAttribute("data-full") } : null;
  }

  // Every push carries the change counter. A full state sets it; a notice that
  // skips a number means another notice was lost on the way: ask for everything.
  function checkVersion() {
    var seen = versionOnPage();
    if (!seen || isNaN(seen.number)) { return; }
    if (!seen.full && lastVersion !== null && seen.number > lastVersion + 1) {
      resync();
    }
    lastVersion = lastVersion === null ? seen.number : Math.max(lastVersion, seen.number);
  }

  // A refused socket means this page no longer shows what its reader may see: removed from
  // the workshop, signed out, no longer on the team. Loading it again shows where they stand
  // now (the server's "You are no longer in this workshop" page, the join form, the login).
  // Once a minute at most, so a page the server keeps refusing cannot reload in a loop.
  function reloadOnce() {
    var key = "northstar:refused:" + location.pathname;
    try {
      if (Date.now() - Number(sessionStorage.getItem(key) || 0) < 60 * 1000) { return; }
      sessionStorage.setItem(key, String(Date.now()));
    } catch (e) {
      return;  // no storage to remember the last reload: leave it to the reader
    }
    location.reload();
  }

  // Pushes and answers race: a push rendered just before the facilitator's second "Next" can
  // arrive after that click's answer and put the previous segment back on screen. Every answer
  // (and the page itself) says which change it shows; a push of an older change is dropped, and
  // the page asks for everything, since it may also carry regions the answer did not.
  // The browser's own parser reads the push (a <template> keeps it inert: nothing in it loads or runs).
  function parsed(message) {
    var template = document.createElement("template");
    template.innerHTML = message;
    return template.content;
  }

  // Whether the push carries nothing but its change number.
  function onlyTheNumber(content, number) {
    return Array.prototype.every.call(content.childNodes, function (node) {
      return node === number || (node.nodeType === Node.TEXT_NODE && !node.textContent.trim());
    });
  }

  document.addEventListener("htmx:wsBeforeMessage", function (event) {
    var shown = document.getElementById("answer-version");
    var floor = shown ? parseInt(shown.dataset.version, 10) : NaN;
    if (isNaN(floor)) { return; }
    var content = parsed(event.detail.message || "");
    var number = content.querySelector("#live-version");
    var pushed = number ? parseInt(number.dataset.version, 10) : NaN;
    if (isNaN(pushed) || pushed >= floor) { return; }
    if (onlyTheNumber(content, number)) { return; }
    event.preventDefault();
    if (lastVersion !== null) { lastVersion = Math.max(lastVersion, pushed); }
    resync();
  });

  // The projector shows the top of the page when the group moves on: nobody is there to scroll
  // back up from the board of the segment before, and the new title and timer are at the top.
  var shownSegment = null;
  function segmentOnPage() {
    var now = document.getElementById("now");
    return now ? now.dataset.segment : null;
  }
  document.addEventListener("DOMContentLoaded", function () { shownSegment = segmentOnPage(); });
  document.addEventListener("htmx:wsAfterMessage", function () {
    var segment = segmentOnPage();
    if (segment !== shownSegment && shownSegment !== null && document.body.classList.contains("presenter")) {
      window.scrollTo({ top: 0 });
    }
    shownSegment = segment;
  });

  document.addEventListener("DOMContentLoaded", checkVersion);
  document.addEventListener("htmx:wsAfterMessage", checkVersion);
  document.addEventListener("htmx:wsConnecting", function (event) {
    note(event.target, "connecting");
    setStatus("Connecting…", "connecting");
  });
  // An ended workshop is not live, whatever its socket is doing in its last moment.
  function showsTheEnd() {
    var now = document.getElementById("now");
    return now !== null && now.classList.contains("is-ended");
  }
  document.addEventListener("htmx:wsOpen", function (event) {
    note(event.detail.elt, "open", event.detail.socketWrapper);
    if (showsTheEnd()) { setStatus("Ended", "ended"); } else { setStatus("Live", "open"); }
  });
  document.addEventListener("htmx:wsAfterMessage", function () {
    if (showsTheEnd()) { setStatus("Ended", "ended"); }
  });
  document.addEventListener("htmx:wsClose", function (event) {
    var el = event.detail.elt;
    var code = event.detail.event.code;
    note(el, "closed", event.detail.socketWrapper);
    if (code === REFUSED) {
      setStatus("Disconnected: reload the page", "refused");
      reloadOnce();
      return;
    }
    if (code === ENDED) {
      note(el, "stopped");
      setStatus("Ended", "ended");
      return;
    }
    if (OVER_LIMIT[code]) {
      note(el, "stopped");  // a resync (the tab back in view, the network back) leaves it closed
      setStatus(OVER_LIMIT[code], "refused");
      return;
    }
    setStatus("Reconnecting…", "closed");
    if (RETRIED_BY_HTMX.indexOf(code) === -1) {
      // socketWrapper.reconnect() is the extension's public way to reopen a closed socket
      // (htmx-extensions pull request 130).
      setTimeout(function () {
        var socket = sockets.get(el);
        if (socket && socket.state === "closed" && el.isConnected) { socket.wrapper.reconnect(); }
      }, 1000 + Math.random() * 2000);
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { resync(); }
  });
  var blurredAt = null;
  window.addEventListener("blur", function () { blurredAt = Date.now(); });
  window.addEventListener("focus", function () {
    if (blurredAt !== null && Date.now() - blurredAt > AWAY_MS) { resync(); }
    blurredAt = null;
  });
  window.addEventListener("pageshow", function (event) { if (event.persisted) { resync(); } });
  window.addEventListener("online", resync);

  var lastTick = Date.now();
  setInterval(function () {
    var now = Date.now();
    if (now - lastTick > TICK_MS * 3) { resync(); }  // timers stop while a laptop sleeps
    lastTick = now;
  }, TICK_MS);
  document.addEventListener("northstar:resync", resync);
})();
