// Fields that save themselves as people type: a candidate's ([data-autosave]) and a warm-up
// worksheet's (textarea[data-live-field]).
// - Shows "Saving…" / "Saved" / "Not saved yet" next to each field.
// - Sends the text the person started from (the base), so the server can refuse to silently
//   replace someone else's newer words; refused words stay in the box until their author types.
// - Keeps a field with words the server does not have (typed a moment ago, offline, refused)
//   through live updates, focused or not, while everything around it updates; a field whose
//   words are all saved takes a partner's newer words. Updates are morphed in (morph.js), so the
//   field is the same element before and after, with its focus and caret; this script only says
//   which fields the morph must leave exactly as they are.
// - Keeps each field's save status ("Saved 14:05:09") across those updates too.
// - Retries unsaved fields every few seconds, so a dropped connection loses nothing.
// - Sends the unsaved words of a field that a live update removes (the facilitator moved the
//   group on mid-sentence), and those of a page that is going (keepalive): htmx never sends
//   for an element no longer on the page.
(function () {
  "use strict";

  var RETRY_MS = 3000;
  var SAVING = "[data-autosave], textarea[data-live-field]";
  var NOT_SAVED = "Not saved yet: connection lost. Keep this page open; it saves when the connection is back.";

  function isAutosave(field) { return !!(field && field.matches && field.matches("[data-autosave]")); }
  function isLive(field) { return !!(field && field.matches && field.matches("textarea[data-live-field]")); }
  function saves(field) { return isAutosave(field) || isLive(field); }

  // The words the server has for the field, as far as this page knows.
  function baseOf(field) {
    if (isAutosave(field)) { return field.dataset.base || ""; }
    return field.dataset.base !== undefined ? field.dataset.base : field.defaultValue;
  }

  // Words the server refused (someone changed the field meanwhile), which their author has not
  // typed over yet: they stay in the box, and are not sent until the person types again.
  function heldBack(field) {
    return field.dataset.refusedText !== undefined && field.value === field.dataset.refusedText;
  }

  // Words this person has not had refused, and the server does not have yet.
  function unsent(field) {
    if (heldBack(field)) { return false; }
    return !!field.dataset.dirty || field.value !== baseOf(field);
  }

  // The same words as the server keeps them: it squashes runs of spaces and trims the ends.
  function sameWords(a, b) {
    return a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
  }

  function statusOf(field) {
    if (isLive(field)) { return field.form && field.form.querySelector(".worksheet-status"); }
    return document.getElementById(field.id + "-status");
  }

  function setStatus(field, text, problem) {
    var status = statusOf(field);
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("is-problem", !!problem);
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var field = event.detail.elt;
    if (!saves(field)) { return; }
    event.detail.parameters.base = baseOf(field);
    field.dataset.sending = field.value;
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var field = event.detail.elt;
    if (!saves(field)) { return; }
    // Leaving a field fires "change" even when its words were saved a moment ago: sending them
    // again could only be refused (someone changed the field since) or change nothing. Nor are
    // refused words sent again until the person types: "type again to replace theirs".
    if (!unsent(field)) {
      event.preventDefault();
      return;
    }
    if (isAutosave(field)) { setStatus(field, "Saving…"); }
  });

  // The server refused the text (too long, or someone else changed the field meanwhile).
  // For a conflict, their text becomes the new base: the next keystroke replaces it deliberately.
  document.addEventListener("fieldRefused", function (event) {
    var field = document.getElementById(event.detail.id);
    if (!field) { return; }
    field.dataset.refused = "1";
    field.dataset.refusedText = field.dataset.sending || field.value;
    if (typeof event.detail.current === "string") { field.dataset.base = event.detail.current; }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var field = event.detail.elt;
    if (!saves(field)) { return; }
    if (!event.detail.successful) {
      field.dataset.dirty = "1";
      setStatus(field, NOT_SAVED, true);
    } else if (field.dataset.refused) {
      delete field.dataset.refused;
      delete field.dataset.dirty;
    } else {
      field.dataset.base = field.dataset.sending || "";
      delete field.dataset.dirty;
      delete field.dataset.refusedText;
    }
  });

  // Whether this person changed a field of a form they send themselves, and has not sent it yet.
  // Fields that save as people type are not: fields.js sends them above. A field inside a closed
  // panel was given up; one whose form is on its way is the server's to draw again (its answer
  // and the live update of that very change must show what was saved, or what was refused).
  function typedHere(field) {
    if (!field.matches("input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([readonly]), textarea, select")) { return false; }
    if (field.matches("[data-autosave], [data-live-field], [hx-post], [hx-trigger]")) { return false; }
    if (field.closest("details:not([open]), .htmx-request") || (field.form && field.form.matches(".htmx-request"))) { return false; }
    if (field.tagName === "SELECT") {
      // With no option marked selected, a select shows its first.
      var drawn = Array.prototype.findIndex.call(field.options, function (option) { return option.defaultSelected; });
      return field.selectedIndex !== Math.max(drawn, 0);
    }
    return field.value !== field.defaultValue;
  }

  // The field being typed in stays, but when everything in it is saved and a partner's change
  // arrives (their words now stand in the database), it shows their words: otherwise this
  // person would go on reading, and later send back, text that is no longer there.
  function adoptNewerText(field, incoming) {
    if (incoming.tagName !== field.tagName || field.tagName === "SELECT") { return; }
    if (!saves(field) || unsent(field) || heldBack(field)) { return; }  // this person's words stay
    // The server's words: what it says it has (data-base), or a worksheet's text as drawn.
    var stored = isAutosave(field) ? incoming.getAttribute("data-base") : incoming.value;
    // The server's copy of the words just sent ("Honoured " saved as "Honoured") is not news: taking
    // it would eat the space before the word the person is about to type.
    if (stored === null || sameWords(stored, field.value) || field.matches(".htmx-request")) { return; }
    var start = Math.min(field.selectionStart || 0, stored.length);
    var end = Math.min(field.selectionEnd || 0, stored.length);
    field.value = stored;
    field.dataset.base = stored;
    delete field.dataset.refusedText;
    field.setSelectionRange(start, end);
    if (isAutosave(field)) { setStatus(field, ""); }  // "Saved 14:05" was about words no longer there
  }

  // Elements on the page that the coming morph leaves exactly as they are, attributes included
  // (a field's data-base must stay the text its author started from). Decided afresh per region.
  var kept = new WeakSet();
  Idiomorph.defaults.callbacks.beforeNodeMorphed = function (shown) { return !kept.has(shown); };

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    kept = new WeakSet();
    var fragment = event.detail.fragment;
    if (!fragment || !fragment.querySelector) { return; }
    // What this person's own saves said ("Saved 14:05:09", "Not saved yet") stays when a partner's
    // change redraws the editor around it: the server's next answer for the field replaces it.
    var target = event.detail.target;
    fragment.querySelectorAll(".save-status[id]").forEach(function (incoming) {
      if (target && incoming.id === target.id) { return; }  // that answer is the status itself
      var shown = document.getElementById(incoming.id);
      if (!shown || !shown.textContent.trim()) { return; }
      // Unless the update brings someone else's words into the field it speaks of.
      var fieldId = incoming.id.replace(/-status$/, "");
      var shownField = document.getElementById(fieldId);
      var incomingField = fragment.querySelector("#" + CSS.escape(fieldId));
      var replaced = shownField && incomingField && isAutosave(shownField) && !unsent(shownField) && !heldBack(shownField) &&
        incomingField.getAttribute("data-base") !== null && !sameWords(incomingField.getAttribute("data-base"), shownField.value);
      if (!replaced) { kept.add(shown); }
    });
    // So does a worksheet's ("Saved.", "Not saved yet"): a live update draws it empty, and only
    // the answer to this person's next save replaces it.
    fragment.querySelectorAll(".worksheet-status[id]").forEach(function (incoming) {
      if (target && incoming.id === target.id) { return; }
      var shown = document.getElementById(incoming.id);
      if (shown && shown.textContent.trim()) { kept.add(shown); }
    });
    // A field with words the server does not have (typed offline, refused, or typed a moment
    // ago) is kept as it is, focused or not: the catch-up after a cut draws the server's older text.
    fragment.querySelectorAll(SAVING).forEach(function (incoming) {
      var shown = incoming.id && document.getElementById(incoming.id);
      if (!shown || !saves(shown) || !(unsent(shown) || heldBack(shown))) { return; }
      kept.add(shown);
      // Refused words stay; if the field changed again meanwhile, the next keystroke must replace
      // what is there now, and the message quotes it.
      var stored = isAutosave(shown) ? incoming.getAttribute("data-base") : incoming.value;
      if (heldBack(shown) && stored !== null && stored !== shown.dataset.base) {
        shown.dataset.base = stored;
        setStatus(shown, "Someone else changed this again. Their text now: “" + stored + "”. Yours is still in the box; type again to replace theirs.", true);
      }
    });
    // A form filled in but not sent yet (an agenda row's new minutes, with focus already on its
    // Save) keeps what was typed when someone joining redraws the region around it.
    fragment.querySelectorAll("input[id], textarea[id], select[id]").forEach(function (incoming) {
      var shown = document.getElementById(incoming.id);
      if (shown && typedHere(shown)) { kept.add(shown); }
    });
    var active = document.activeElement;
    if (!active || !active.id || !active.matches("input, textarea, select")) { return; }
    var incoming = fragment.querySelector("#" + CSS.escape(active.id));
    if (incoming) {
      kept.add(active);
      adoptNewerText(active, incoming);
    }
  });

  var orphans = [];  // {url, data} of removed fields whose words the server does not have yet

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }

  function sendOrphans() {
    orphans.slice().forEach(function (orphan) {
      if (orphan.sending) { return; }
      orphan.sending = true;
      fetch(orphan.url, {
        method: "POST", body: orphan.data, credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(), "HX-Request": "true"}
      }).then(function (response) {
        orphan.sending = false;
        // A refusal (a conflict, too long) is an answer too: retrying would not change it.
        if (response.status < 500) { orphans.splice(orphans.indexOf(orphan), 1); }
      }, function () { orphan.sending = false; });
    });
  }

  // What htmx would send for the field: its words, which field they are, and their base.
  // Sent without the base: the page is going, or the field has left it, so nobody could be shown
  // a refusal and the words would be lost unseen. They are saved over whatever is there; anyone
  // still on the field's page sees them arrive.
  function payload(field) {
    var data = new FormData();
    data.append(field.name, field.value);
    if (isAutosave(field)) {
      var vals = {};
      try { vals = JSON.parse(field.getAttribute("hx-vals") || "{}"); } catch (e) { /* no field name */ }
      data.append("field", vals.field || field.name);
    }
    return data;
  }

  // A reload, a closed tab or a phone switching apps within the pause before a save (700 ms
  // after the last key) would lose the last words typed: they are sent as the page goes, on a
  // request the browser finishes even after the page is gone (keepalive).
  function sendBeforeLeaving() {
    document.querySelectorAll(SAVING).forEach(function (field) {
      if (field.tagName === "SELECT" || !field.getAttribute("hx-post") || !unsent(field)) { return; }
      try {
        fetch(field.getAttribute("hx-post"), {
          method: "POST", body: payload(field), credentials: "same-origin", keepalive: true,
          headers: {"X-CSRFToken": csrfToken(), "HX-Request": "true"}
        }).catch(function () { /* the retry and the next load catch up */ });
      } catch (e) { /* keepalive refused (too large): the regular save still runs if the page stays */ }
    });
  }
  window.addEventListener("pagehide", sendBeforeLeaving);
  // A tab or an app switched away from may come back: its words go the usual way, so the page
  // learns what the server has (a background send would leave it comparing with older words).
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "hidden") { return; }
    document.querySelectorAll(SAVING).forEach(function (field) {
      if (field.tagName !== "SELECT" && unsent(field) && !field.matches(".htmx-request")) { htmx.trigger(field, "change"); }
    });
  });

  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    var field = event.target;
    if (!saves(field) || field.tagName === "SELECT") { return; }
    if (!unsent(field) || !field.getAttribute("hx-post")) { return; }
    var orphan = {url: field.getAttribute("hx-post"), data: payload(field), field: field};
    // Only once the swap is over do we know whether the field really left the page (a morph may move it).
    setTimeout(function () { if (!field.isConnected) { orphans.push(orphan); sendOrphans(); } }, 0);
  });

  setInterval(function () {
    document.querySelectorAll("[data-autosave][data-dirty], textarea[data-live-field][data-dirty]").forEach(function (field) {
      htmx.trigger(field, "change");
    });
    sendOrphans();
  }, RETRY_MS);
})();
