// Drag a card on the bets board to another column, or onto another card to rank it above.
//
// The drop posts the same form the card's buttons post (bets:move with the column and the
// card to go before); the answer and the push to every open board redraw the board. Without
// this script, or without a mouse, the buttons on each card do the same.
(function () {
  "use strict";

  var dragged = null;

  function columnOf(el) { return el && el.closest ? el.closest(".board-column") : null; }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".bet-card");
    if (!card) { return; }
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.bet);
  });

  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
  });

  document.addEventListener("dragover", function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column || column.dataset.level !== dragged.dataset.level) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".drop-target").forEach(function (el) { if (el !== column) { el.classList.remove("drop-target"); } });
    column.classList.add("drop-target");
  });

  document.addEventListener("drop", function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column || column.dataset.level !== dragged.dataset.level) { return; }
    event.preventDefault();
    var over = event.target.closest(".bet-card");
    var values = { status: column.dataset.status };
    if (over && over !== dragged) { values.before = over.dataset.bet; }
    htmx.ajax("POST", dragged.dataset.moveUrl, { source: dragged, swap: "none", values: values });
  });
})();
