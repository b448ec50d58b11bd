// Article page: copy the link and print. Facebook and Zalo are plain links (no SDK, no
// third-party script); these buttons stay hidden where JavaScript does not run.
(function () {
  "use strict";
  var status = document.querySelector(".share__status");

  function say(message) {
    if (status) {
      status.textContent = message;
      window.setTimeout(function () { status.textContent = ""; }, 4000);
    }
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(field);
    return done;
  }

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      var ok = function () { say("Đã sao chép liên kết."); };
      var fallback = function () {
        if (copyWithSelection(url)) { ok(); } else { say("Không sao chép được, hãy sao chép địa chỉ trên thanh trình duyệt."); }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(ok, fallback);
      } else {
        fallback();
      }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
