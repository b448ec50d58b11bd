/* The album viewer (docs/gallery.md, "Viewer"): our own script, no third party.
   Without it the album is a grid of links to each photo's page. With it a link opens
   the photo in a modal <dialog>: ← → (or swipe) move, Home/End jump, Esc closes and
   focus returns to the photo's link in the grid. */
(function () {
  "use strict";
  var grid = document.querySelector("[data-viewer-grid]");
  var dialog = document.getElementById("viewer");
  if (!grid || !dialog || typeof dialog.showModal !== "function") return;

  var links = Array.prototype.slice.call(grid.querySelectorAll("a[data-full]"));
  var image = dialog.querySelector(".viewer__image");
  var caption = dialog.querySelector(".viewer__caption");
  var count = dialog.querySelector(".viewer__count");
  var prev = dialog.querySelector("[data-viewer-prev]");
  var next = dialog.querySelector("[data-viewer-next]");
  var current = 0;

  function preload(index) {
    var link = links[index];
    if (!link) return;
    var next = new Image();
    if (link.getAttribute("data-srcset")) {
      next.sizes = "100vw";
      next.srcset = link.getAttribute("data-srcset");
    }
    next.src = link.getAttribute("data-full");
  }

  function show(index) {
    if (index < 0 || index >= links.length) return;
    current = index;
    var link = links[index];
    var thumb = link.querySelector("img");
    image.removeAttribute("srcset");
    image.src = link.getAttribute("data-full");
    if (link.getAttribute("data-srcset")) {
      image.sizes = "100vw";
      image.srcset = link.getAttribute("data-srcset");
    }
    image.alt = thumb ? thumb.alt : "";
    image.width = Number(link.getAttribute("data-width")) || 0;
    image.height = Number(link.getAttribute("data-height")) || 0;
    var words = [link.getAttribute("data-caption"), link.getAttribute("data-credit")];
    caption.textContent = words.filter(Boolean).join(" · ");
    count.textContent = "Ảnh " + (index + 1) + "/" + links.length;
    prev.disabled = index === 0;
    next.disabled = index === links.length - 1;
    preload(index + 1);
    preload(index - 1);
  }

  function open(index) {
    show(index);
    if (!dialog.open) dialog.showModal();
    document.documentElement.classList.add("has-viewer");
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      open(index);
    });
  });

  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  dialog.querySelector("[data-viewer-close]").addEventListener("click", function () { dialog.close(); });

  dialog.addEventListener("keydown", function (event) {
    var moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: links.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      show(moves[event.key]);
    }
  });

  // Escape closes a modal dialog by itself; every way out gives focus back to the grid.
  dialog.addEventListener("close", function () {
    document.documentElement.classList.remove("has-viewer");
    image.removeAttribute("srcset");
    image.src = "data:,";
    links[current].focus();
  });

  // A click on the backdrop (outside the figure and the buttons) closes too.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });

  // Swipe: a mostly horizontal move of 40 px or more.
  var startX = null, startY = null;
  dialog.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "mouse") return;
    startX = event.clientX;
    startY = event.clientY;
  });
  dialog.addEventListener("pointerup", function (event) {
    if (startX === null) return;
    var dx = event.clientX - startX, dy = event.clientY - startY;
    startX = startY = null;
    if (Math.abs(dx) >= 40 && Math.abs(dx) > Math.abs(dy)) show(dx < 0 ? current + 1 : current - 1);
  });
  dialog.addEventListener("pointercancel", function () { startX = startY = null; });
})();
