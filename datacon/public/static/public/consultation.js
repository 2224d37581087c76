// Consultation pages: progressive enhancements only. Without this file, a comment
// targets the whole paragraph and everything else works the same.
(function () {
  "use strict";
  var english = document.documentElement.lang === "en";

  document.querySelectorAll(".js-only[hidden]").forEach(function (node) { node.hidden = false; });

  // Offset of a point (node, offset) inside `container`'s text, counted like textContent.
  function textOffset(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function selectionIn(container) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) { return null; }
    var start = textOffset(container, range.startContainer, range.startOffset);
    var end = textOffset(container, range.endContainer, range.endOffset);
    var full = container.textContent;
    var text = full.slice(start, end);
    var trimmedStart = start + (text.length - text.replace(/^\s+/, "").length);
    var quote = text.trim();
    if (!quote) { return null; }
    // The server counts from the paragraph's trimmed text, like textContent.trim().
    var lead = full.length - full.replace(/^\s+/, "").length;
    return { quote: quote, start: trimmedStart - lead, end: trimmedStart - lead + quote.length, range: range };
  }

  // Draft page: selecting a passage offers "comment this passage".
  var button = null;
  function hideButton() { if (button) { button.remove(); button = null; } }
  document.querySelectorAll(".draft .para-text[data-paragraph-url]").forEach(function (container) {
    container.addEventListener("mouseup", function () { setTimeout(function () { offer(container); }, 0); });
    container.addEventListener("keyup", function (event) { if (event.shiftKey) { offer(container); } });
  });
  function offer(container) {
    hideButton();
    var picked = selectionIn(container);
    if (!picked) { return; }
    var url = container.getAttribute("data-paragraph-url") + "?fragmento=" + encodeURIComponent(picked.quote) +
      "&desde=" + picked.start + "&hasta=" + picked.end + "#comment-form-title";
    button = document.createElement("a");
    button.href = url;
    button.className = "button button-small selection-action";
    button.textContent = english ? "Comment on the selected passage" : "Comentar el fragmento seleccionado";
    var box = picked.range.getBoundingClientRect();
    button.style.top = (window.scrollY + box.bottom + 6) + "px";
    button.style.left = (window.scrollX + Math.max(box.left, 8)) + "px";
    document.body.appendChild(button);
  }
  document.addEventListener("mousedown", function (event) { if (button && event.target !== button) { setTimeout(hideButton, 150); } });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hideButton(); } });

  // Paragraph page: selecting a passage fills the form's hidden quote fields.
  var focusText = document.querySelector("#paragraph-text[data-selectable]");
  var form = document.querySelector(".comment-form-box form");
  if (focusText && form) {
    var quoteBox = form.querySelector("[data-quote-box]");
    var preview = form.querySelector("[data-quote-preview]");
    var setQuote = function (quote, start, end) {
      form.querySelector("[name=quote]").value = quote;
      form.querySelector("[name=quote_start]").value = start === null ? "" : start;
      form.querySelector("[name=quote_end]").value = end === null ? "" : end;
      preview.textContent = quote;
      quoteBox.hidden = !quote;
    };
    var capture = function () {
      var picked = selectionIn(focusText);
      if (picked) { setQuote(picked.quote, picked.start, picked.end); }
    };
    focusText.addEventListener("mouseup", function () { setTimeout(capture, 0); });
    focusText.addEventListener("keyup", function (event) { if (event.shiftKey) { capture(); } });
    form.querySelector("[data-quote-clear]").addEventListener("click", function () {
      setQuote("", null, null);
      form.querySelector("textarea").focus();
    });
  }

  // Character counters: say how many characters are left, never cut the text.
  document.querySelectorAll("textarea[data-counter][data-max]").forEach(function (area) {
    var output = area.parentNode.querySelector("[data-counter-output]");
    var max = parseInt(area.getAttribute("data-max"), 10);
    if (!output || !max) { return; }
    var update = function () {
      var length = area.value.trim().length;
      var left = max - length;
      output.textContent = left >= 0
        ? (english ? left + " characters left." : "Quedan " + left + " caracteres.")
        : (english ? (-left) + " characters over the limit." : "Sobran " + (-left) + " caracteres.");
      output.classList.toggle("errorlist", left < 0);
    };
    area.addEventListener("input", update);
    update();
  });
})();
