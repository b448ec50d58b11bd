// Organization chart: "expand all" / "collapse all". The tree itself is plain
// <details>/<summary>, keyboard-accessible and usable without JavaScript.
(function () {
  "use strict";
  var tools = document.querySelector("[data-org-tools]");
  if (!tools) return;
  var all = document.querySelectorAll(".org-groups details");
  if (!all.length) return;
  tools.hidden = false;
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("[data-org-expand]");
    if (!button) return;
    var open = button.getAttribute("data-org-expand") === "true";
    for (var i = 0; i < all.length; i++) all[i].open = open;
  });
})();
