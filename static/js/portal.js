// Small progressive enhancements; every page works without JavaScript.
// Keyboard behaviour of the menu: docs/accessibility.md.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var toggle = document.querySelector(".main-nav__toggle");
  var menu = document.getElementById("main-menu");

  function setMenu(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }

  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      setMenu(toggle.getAttribute("aria-expanded") !== "true");
    });
  }

  // Dropdowns: a button beside each parent link opens its list (Enter or Space, as any
  // button); Escape closes it and gives focus back to the button; the open list is moved
  // to end at the window's right edge when it would stick out.
  var items = Array.prototype.slice.call(document.querySelectorAll(".main-nav__item.has-children"));

  function subOf(item) { return item.querySelector(".main-nav__sub"); }
  function buttonOf(item) { return item.querySelector(".main-nav__subtoggle"); }

  function fit(item) {
    var sub = subOf(item);
    sub.classList.remove("main-nav__sub--end");
    var box = sub.getBoundingClientRect();
    if (box.width && box.right > document.documentElement.clientWidth) {
      sub.classList.add("main-nav__sub--end");
    }
  }

  function setOpen(item, open) {
    item.classList.toggle("is-open", open);
    buttonOf(item).setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      items.forEach(function (other) { if (other !== item) { setOpen(other, false); } });
      fit(item);
    }
  }

  items.forEach(function (item) {
    var button = buttonOf(item);
    if (!button) { return; }
    button.hidden = false;
    var openedByHover = false;
    button.addEventListener("click", function () {
      // A click right after the pointer opened the list keeps it open instead of closing it.
      setOpen(item, openedByHover || !item.classList.contains("is-open"));
      openedByHover = false;
    });
    item.addEventListener("mouseenter", function () {
      if (window.matchMedia("(hover: hover)").matches) {
        openedByHover = !item.classList.contains("is-open");
        setOpen(item, true);
      }
    });
    item.addEventListener("mouseleave", function () {
      openedByHover = false;
      if (window.matchMedia("(hover: hover)").matches) { setOpen(item, false); }
    });
    item.addEventListener("focusout", function (event) {
      if (!item.contains(event.relatedTarget)) { setOpen(item, false); }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    var open = items.filter(function (item) { return item.classList.contains("is-open"); });
    if (open.length) {
      var focusInside = open[0].contains(document.activeElement);
      open.forEach(function (item) { setOpen(item, false); });
      if (focusInside) { buttonOf(open[0]).focus(); }
      return;
    }
    if (toggle && menu && menu.classList.contains("is-open")) {
      setMenu(false);
      toggle.focus();
    }
  });

  // Text size: A− / A / A+ step through five sizes, remembered in localStorage.
  var sizes = document.querySelector(".text-size");
  if (sizes) {
    var root = document.documentElement;
    var current = function () { return parseInt(root.getAttribute("data-text-size") || "0", 10); };
    var show = function () {
      sizes.querySelectorAll("[data-text-size]").forEach(function (button) {
        var step = parseInt(button.getAttribute("data-text-size"), 10);
        var size = current();
        button.disabled = (step < 0 && size <= -1) || (step > 0 && size >= 2);
        button.setAttribute("aria-pressed", step === 0 && size === 0 ? "true" : "false");
      });
    };
    sizes.hidden = false;
    sizes.addEventListener("click", function (event) {
      var button = event.target.closest("[data-text-size]");
      if (!button) { return; }
      var step = parseInt(button.getAttribute("data-text-size"), 10);
      var size = step === 0 ? 0 : Math.max(-1, Math.min(2, current() + step));
      if (size === 0) { root.removeAttribute("data-text-size"); } else { root.setAttribute("data-text-size", String(size)); }
      try {
        if (size === 0) { window.localStorage.removeItem("portal.textSize"); } else { window.localStorage.setItem("portal.textSize", String(size)); }
      } catch (error) { /* storage disabled: this page only */ }
      show();
    });
    show();
  }
})();
