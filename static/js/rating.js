// The satisfaction widget posts in place; without JavaScript the plain form still works.
(function () {
  "use strict";
  document.querySelectorAll("form[data-rating]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!window.fetch || !button) { return; }
      event.preventDefault();
      var data = new FormData(form);
      data.set("score", button.value);
      var status = form.querySelector(".rating__status");
      fetch(form.action, {
        method: "POST", body: data, credentials: "omit",
        headers: { "Accept": "application/json" }
      }).then(function (response) { return response.json(); })
        .then(function (answer) {
          status.textContent = answer.message;
          form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
          button.setAttribute("aria-pressed", "true");
        })
        .catch(function () { status.textContent = "Chưa gửi được đánh giá, xin vui lòng thử lại."; });
    });
  });
})();
