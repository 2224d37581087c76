// Call for proposals: small progressive enhancements. Every form works without this file.
(function () {
  "use strict";
  var english = document.documentElement.lang === "en";

  // The edition page may come from a cache: hide "send a proposal" once the call closed.
  document.querySelectorAll("[data-call-closes]").forEach(function (box) {
    var now = Date.now();
    var closes = Date.parse(box.getAttribute("data-call-closes"));
    var opens = Date.parse(box.getAttribute("data-call-opens"));
    if ((closes && now >= closes) || (opens && now < opens)) {
      var button = box.querySelector(".call-box-submit");
      var note = box.querySelector(".call-box-closed");
      if (button) { button.hidden = true; }
      if (note && closes && now >= closes) { note.hidden = false; }
    }
  });

  // Proposal form: show one empty person row at a time, with a button for the next.
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-person-row]"));
  function isEmpty(row) {
    return Array.prototype.every.call(
      row.querySelectorAll("input[type=text], input[type=email]"),
      function (input) { return !input.value.trim(); }
    ) && !row.querySelector(".errorlist");
  }
  var empty = rows.filter(isEmpty);
  if (empty.length > 1) {
    empty.slice(1).forEach(function (row) { row.hidden = true; });
    var add = document.createElement("button");
    add.type = "button";
    add.className = "button button-secondary add-person";
    add.textContent = english ? "Add another person" : "Añadir otra persona";
    add.addEventListener("click", function () {
      var next = rows.filter(function (row) { return row.hidden; })[0];
      if (!next) { return; }
      next.hidden = false;
      var first = next.querySelector("input");
      if (first) { first.focus(); }
      if (!rows.some(function (row) { return row.hidden; })) { add.remove(); }
    });
    var last = rows[rows.length - 1];
    last.parentNode.insertBefore(add, last.nextSibling);
  }

  // Focus the error summary so screen readers announce it.
  var summary = document.getElementById("resumen-errores");
  if (summary) { summary.focus(); }
})();
