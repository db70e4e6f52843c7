// Keeps keyboard focus where the person was when a live update replaces the region around it.
//
// Every click answers with fresh regions, and every change reaches every tab as fresh regions:
// the button someone just pressed with the keyboard is replaced by its twin, and the browser
// drops focus to the top of the page. Before a swap, this notes what had focus inside the
// region; after it, it focuses the same control in the new region (the same form, doing the
// same thing), or else the region itself, so Tab carries on from there. Fields being typed in
// are morphed in place (morph.js, fields.js) and keep their focus themselves: left alone here.
(function () {
  "use strict";

  var pending = null;

  // One button that changes what it does with each press: the timer's start, pause and resume.
  var TOGGLES = { start: "timer", pause: "timer", resume: "timer" };

  // What a control does, whatever its label says now ("Next segment: Warm-up" becomes
  // "Next segment: Brainstorm", "Pause timer" becomes "Resume timer").
  function purpose(control) {
    var form = control.form || control.closest("form");
    var target = control.getAttribute("hx-post") || (form && (form.getAttribute("hx-post") || form.getAttribute("action"))) || "";
    var what = [control.name || "", control.value || ""];
    if (form) {
      ["direction", "action", "to_segment", "candidate", "role"].forEach(function (name) {
        var field = form.querySelector("input[type=hidden][name=" + name + "]");
        if (field) { what.push(name + "=" + (name === "action" && TOGGLES[field.value] || field.value)); }
      });
    }
    return target + "|" + what.join("|");
  }

  function remember(target) {
    var active = document.activeElement;
    if (!target || !active || active === document.body || !target.contains(active)) { return; }
    if (active.matches("input:not([type=hidden]), textarea, select") && active.id) { return; }  // fields.js
    pending = {
      id: active.id || null,
      // A <details>'s summary ("Edit" on an agenda row) is found again through its panel's id.
      details: active.matches("summary") ? active.parentElement.id || null : null,
      purpose: active.matches("button, input[type=submit]") ? purpose(active) : null,
      region: target.id || null
    };
  }

  // A control the morph kept (an agenda row's Save) may now sit in a <details> that came back
  // closed, out of sight: its summary takes focus instead, and Enter opens the row again. Checked
  // once the whole update is in, after live updates have reopened the panels a person had open.
  function leaveClosedPanel() {
    var active = document.activeElement;
    var closed = active && active.closest("details:not([open])");
    var summary = closed && closed.querySelector(":scope > summary");
    if (summary && summary !== active) { summary.focus({ preventScroll: true }); }
  }

  function restore() {
    setTimeout(leaveClosedPanel, 0);
    if (!pending) { return; }
    var wanted = pending;
    pending = null;
    if (document.activeElement && document.activeElement !== document.body) { return; }
    var found = wanted.id ? document.getElementById(wanted.id) : null;
    if (!found && wanted.details) {
      var panel = document.getElementById(wanted.details);
      found = panel && panel.querySelector("summary");
    }
    if (!found && wanted.purpose) {
      found = Array.prototype.find.call(document.querySelectorAll("button, input[type=submit]"), function (control) {
        return !control.disabled && purpose(control) === wanted.purpose;
      }) || null;
    }
    if (!found && wanted.region) { found = document.getElementById(wanted.region); }
    if (!found) { return; }
    // The same button inside a <details> that came back closed (an agenda row's "Edit" after its
    // Save) cannot take focus: its summary can, and opens it again.
    var closed = found.closest("details:not([open])");
    if (closed && closed.querySelector("summary")) { found = closed.querySelector("summary"); }
    // A region (a section) takes focus only with a tabindex; -1 keeps it out of the Tab order.
    if (!found.matches("a[href], button, input, select, textarea, summary, [tabindex]")) { found.setAttribute("tabindex", "-1"); }
    found.focus({ preventScroll: true });
    if (document.activeElement !== found && wanted.region && document.getElementById(wanted.region)) {
      var region = document.getElementById(wanted.region);
      if (!region.hasAttribute("tabindex")) { region.setAttribute("tabindex", "-1"); }
      region.focus({ preventScroll: true });
    }
  }

  // A live update is someone else's change: a menu or an edit panel this person had opened stays
  // open (the server renders them closed). Their own answers decide for themselves: after a
  // Save the row comes back closed, after a refusal open with its problems. A panel whose form
  // is being sent is left to the update: htmx drops the answer of a form the update removed, and
  // the notice of that very Save can arrive before its answer.
  var opened = [];
  document.addEventListener("htmx:wsBeforeMessage", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details[open][id]"), function (el) {
      return !el.querySelector(".htmx-request");
    }).map(function (el) { return el.id; });
  });
  document.addEventListener("htmx:wsAfterMessage", function () {
    opened.forEach(function (id) {
      var details = document.getElementById(id);
      if (details && details.tagName === "DETAILS") { details.open = true; }
    });
    opened = [];
  });

  // A panel marked data-remember-closed that the person closed stays closed through live updates,
  // their own answers and reloads of this tab: private facilitator notes on a laptop mirrored to
  // the projector must not come back by themselves. Opening it again forgets the choice.
  function closedKey(details) { return "northstar:closed:" + location.pathname + "#" + details.id; }

  function keepClosed() {
    document.querySelectorAll("details[data-remember-closed][id][open]").forEach(function (details) {
      try {
        if (sessionStorage.getItem(closedKey(details))) { details.open = false; }
      } catch (e) { /* no storage: the panel opens as the server drew it */ }
    });
  }

  document.addEventListener("DOMContentLoaded", keepClosed);
  document.addEventListener("htmx:oobAfterSwap", keepClosed);
  document.addEventListener("htmx:afterSwap", keepClosed);
  document.addEventListener("htmx:wsAfterMessage", keepClosed);

  // A panel marked data-remember-open (the facilitator's "Edit agenda") stays as the person left
  // it, open or closed, through their own answers, live updates and reloads: a move up or down
  // answers with the whole agenda, which the server draws with the panel in its default state.
  function modeKey(details) { return "northstar:mode:" + location.pathname + "#" + details.id; }

  function keepMode() {
    document.querySelectorAll("details[data-remember-open][id]").forEach(function (details) {
      try {
        var mode = sessionStorage.getItem(modeKey(details));
        if (mode) { details.open = mode === "open"; }
      } catch (e) { /* no storage: the panel opens as the server drew it */ }
    });
  }

  // Only the person's own press on a summary (a click, or Enter or Space, which the browser turns
  // into a click) is their choice. A "toggle" event is no proof of one: it arrives later, and
  // also for a panel the server drew open that a reload or an update put on the page. A reload's
  // arrives whenever the parser lets it, sometimes after this script has run but before the
  // saved choice is applied at DOMContentLoaded; taken for a choice, it made the facilitator's
  // closed notes come back open. On window, bubbling: every other listener has had its say.
  window.addEventListener("click", function (event) {
    var summary = event.target.closest ? event.target.closest("summary") : null;
    var details = summary && summary.parentElement;
    if (event.defaultPrevented || !details || details.tagName !== "DETAILS" || !details.id) { return; }
    if (details.querySelector(":scope > summary") !== summary) { return; }
    var opening = !details.open;  // the browser opens or closes it once this click is through
    try {
      if (details.matches("[data-remember-closed]")) {
        if (opening) { sessionStorage.removeItem(closedKey(details)); } else { sessionStorage.setItem(closedKey(details), "1"); }
      }
      if (details.matches("[data-remember-open]")) {
        sessionStorage.setItem(modeKey(details), opening ? "open" : "closed");
      }
    } catch (e) { /* no storage: nothing to remember */ }
  });
  document.addEventListener("DOMContentLoaded", keepMode);
  document.addEventListener("htmx:oobAfterSwap", keepMode);
  document.addEventListener("htmx:afterSwap", keepMode);
  document.addEventListener("htmx:afterSettle", keepMode);
  document.addEventListener("htmx:wsAfterMessage", function () { setTimeout(keepMode, 0); });

  document.addEventListener("htmx:oobBeforeSwap", function (event) { remember(event.detail.target); });
  document.addEventListener("htmx:beforeSwap", function (event) { remember(event.detail.target); });
  // Not on htmx:oobAfterSwap: htmx has not yet processed the new content then, and a button
  // focused at that moment submits its form natively if Enter comes before htmx catches up.
  // A live update's content is processed by the time htmx:wsAfterMessage fires; an answer's
  // by htmx:afterSettle.
  document.addEventListener("htmx:wsAfterMessage", restore);
  document.addEventListener("htmx:afterSettle", restore);
})();
