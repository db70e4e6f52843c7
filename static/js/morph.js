// Live regions are morphed into the page (idiomorph, static/vendor/) instead of replaced.
//
// Every answer and every push carries whole regions marked hx-swap-oob="true", which htmx would
// swap by replacing each region: the field someone is typing in, its caret and the button that
// has focus would all be new elements, and the person's place lost. Idiomorph changes the page in
// place until it matches the region, so the elements that stay are the same elements, with their
// focus, caret and words. fields.js decides which fields must stay exactly as they are.
(function () {
  "use strict";

  // htmx cleans up what it removes (its listeners, and the "htmx:beforeCleanupElement" that
  // fields.js listens to in order to send a removed field's last words). Idiomorph does not know
  // htmx, so an element it would remove goes out through htmx's own "delete" swap instead.
  Idiomorph.defaults.callbacks.beforeNodeRemoved = function (node) {
    if (node.nodeType !== Node.ELEMENT_NODE || !node.parentNode) { return true; }
    htmx.swap(node, "", { swapStyle: "delete" });
    return false;
  };

  // On window, so that every listener on the document (fields.js, focus.js) has seen the region
  // before it is swapped. Only a whole region replacing the element of the same id is morphed.
  window.addEventListener("htmx:oobBeforeSwap", function (event) {
    var detail = event.detail;
    var fragment = detail.fragment;
    if (!detail.shouldSwap || !fragment || fragment.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) { return; }
    var region = fragment.firstElementChild;
    if (!region || fragment.children.length !== 1 || !region.id || region.id !== detail.target.id) { return; }
    detail.shouldSwap = false;
    htmx.swap(detail.target, region.outerHTML, { swapStyle: "morph" }, { contextElement: detail.target });
  });
})();
