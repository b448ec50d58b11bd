// The reader's text size, applied before the page paints (docs/accessibility.md).
// Kept in localStorage on the reader's device: no cookie, nothing sent to the server.
(function () {
  "use strict";
  try {
    var size = window.localStorage.getItem("portal.textSize");
    if (size && /^(-1|1|2)$/.test(size)) { document.documentElement.setAttribute("data-text-size", size); }
  } catch (error) { /* storage disabled: the default size */ }
})();
