// Keeps the live connection honest: shows whether it is up, reconnects after
// any close the htmx extension does not retry itself (a server restart says
// "going away"), and asks for the whole state again whenever this page may
// have missed something: a skipped change number, a reconnect, a laptop that
// slept, a tab that comes back after a while.
(function () {
  "use strict";

  var RETRIED_BY_HTMX = [1006, 1011, 1012, 1013];
  var REFUSED = 4403;
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
  function pushedVersion(message) {
    var match = /<div id="live-version"[^>]*\sdata-version="(\d+)"/.exec(message);
    return match ? parseInt(match[1], 10) : NaN;
  }

  document.addEventListener("htmx:wsBeforeMessage", function (event) {
    var shown = document.getElementById("answer-version");
    var floor = shown ? parseInt(shown.dataset.version, 10) : NaN;
    var message = event.detail.message || "";
    var pushed = pushedVersion(message);
    if (isNaN(floor) || isNaN(pushed) || pushed >= floor) { return; }
    if (!message.replace(/<div id="live-version"[^>]*><\/div>/, "").trim()) { return; }  // the number alone
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
  document.addEventListener("htmx:wsConnecting", function () { setStatus("Connecting…", "connecting"); });
  document.addEventListener("htmx:wsOpen", function () { setStatus("Live", "open"); });
  document.addEventListener("htmx:wsClose", function (event) {
    var code = event.detail.event.code;
    if (code === REFUSED) {
      setStatus("Disconnected: reload the page", "refused");
      reloadOnce();
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
