// Rõ Việc: the print button of every page opens the browser's print dialog
// (the print stylesheet lays the page out on A4). A file of its own: the
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });
})();
