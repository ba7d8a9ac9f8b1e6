// Rõ Việc: keep the keyboard where it was after htmx replaces part of the
// page (a board card's save re-renders the whole board). Before a request
// the focused element's id is noted; after the swap the same control gets
// the focus back, or, when it is gone (the card lost its form), the card
// that holds it. A file of its own: the Content-Security-Policy allows no
// inline script.
(function () {
  "use strict";
  var lastId = null, lastCard = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var el = document.activeElement;
    lastId = el && el.id ? el.id : null;
    var card = el && el.closest ? el.closest(".card[id]") : null;
    lastCard = card ? card.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastId && !lastCard) return;
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return; // focus survived the swap
    var target = (lastId && document.getElementById(lastId)) || (lastCard && document.getElementById(lastCard));
    lastId = lastCard = null;
    if (!target) return;
    if (target.classList.contains("card") && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  });
})();
