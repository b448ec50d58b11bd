/* The article form's "Từ khóa" box: suggests existing tags for the word being typed
   (accents or not; the server folds), so editors reuse tags instead of making new ones.
   Suggestions are a <datalist> whose options are the whole box with the last part
   completed; without JavaScript the box is a plain comma-separated field. */
(function () {
  "use strict";

  function setUp(input) {
    var url = input.getAttribute("data-suggest-url");
    if (!url) return;
    var list = document.createElement("datalist");
    list.id = input.id + "_suggestions";
    input.setAttribute("list", list.id);
    input.parentNode.appendChild(list);
    var timer = null;
    var asked = "";

    function parts() {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      return { head: cut < 0 ? "" : value.slice(0, cut + 1) + " ", word: value.slice(cut + 1).trim() };
    }

    function fill(head, names) {
      list.textContent = "";
      var taken = head.toLowerCase();
      names.forEach(function (name) {
        if (taken.indexOf(name.toLowerCase() + ",") !== -1) return;
        var option = document.createElement("option");
        option.value = head + name + ", ";
        option.textContent = name;
        list.appendChild(option);
      });
    }

    input.addEventListener("input", function () {
      var now = parts();
      if (now.word.length < 2 || now.word === asked) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        asked = now.word;
        fetch(url + "?q=" + encodeURIComponent(now.word), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { fill(now.head, data.results || []); })
          .catch(function () { fill(now.head, []); });
      }, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input.tag-names"), setUp);
  });
})();
