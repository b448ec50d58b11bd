/* Drag the rows of a document's files to order them (docs/documents.md, "Admin").
 *
 * Plain HTML drag and drop, no library: the handle in each row starts the drag, the
 * dropped order is written into the rows' "Thứ tự" inputs (10, 20, 30...), which the
 * form saves as usual. The inputs stay editable, so the keyboard (and a browser
 * without scripts) orders the files by typing the numbers.
 */
(function () {
  "use strict";

  function rows(body) {
    return Array.prototype.filter.call(body.querySelectorAll("tr.form-row"), function (row) {
      return !row.classList.contains("empty-form") && row.querySelector("input[name$='-order']");
    });
  }

  function holdsAFile(row) {
    // An empty extra row keeps its default: a changed number would make Django check it.
    var file = row.querySelector("input[type=file]");
    return row.classList.contains("has_original") || (file && file.value);
  }

  function renumber(body) {
    rows(body).filter(holdsAFile).forEach(function (row, index) {
      row.querySelector("input[name$='-order']").value = String((index + 1) * 10);
    });
  }

  function addHandle(row) {
    var input = row.querySelector("input[name$='-order']");
    if (!input || row.classList.contains("empty-form") || row.querySelector(".file-order__handle")) {
      return;
    }
    var handle = document.createElement("span");
    handle.className = "file-order__handle";
    handle.title = "Kéo để đổi thứ tự tệp";
    handle.setAttribute("aria-hidden", "true");
    handle.textContent = "⠿";
    handle.draggable = true;  // the handle drags, its row moves; the inputs stay usable
    input.parentNode.insertBefore(handle, input);
  }

  function setUp(group) {
    var body = group.querySelector("tbody");
    if (!body) {
      return;
    }
    var dragged = null;
    rows(body).forEach(addHandle);
    body.addEventListener("dragstart", function (event) {
      dragged = event.target.closest ? event.target.closest("tr.form-row") : null;
      if (!dragged) {
        return;
      }
      dragged.classList.add("file-order--dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.id || "row");
    });
    body.addEventListener("dragover", function (event) {
      var target = event.target.closest ? event.target.closest("tr.form-row") : null;
      if (!dragged || !target || target === dragged || target.classList.contains("empty-form")) {
        return;
      }
      event.preventDefault();
      var box = target.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, after ? target.nextSibling : target);
    });
    body.addEventListener("drop", function (event) {
      if (dragged) {
        event.preventDefault();
        renumber(body);
      }
    });
    body.addEventListener("dragend", function () {
      if (dragged) {
        dragged.classList.remove("file-order--dragging");
        renumber(body);
        dragged = null;
      }
    });
    document.addEventListener("formset:added", function (event) {
      if (event.target && event.target.closest && event.target.closest("#" + group.id)) {
        addHandle(event.target);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.getElementById("files-group");
    if (group) {
      setUp(group);
    }
  });
})();
