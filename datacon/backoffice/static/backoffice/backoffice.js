// Back office: the side menu, and any long sub-menu marked data-collapse-narrow,
// is a <details> that starts open; on a narrow screen this closes it, so the page
// comes first and the menu is one tap (or Enter/Space on its summary) away.
// Escape closes it again and returns focus to its summary.
(function () {
  "use strict";
  if (!window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 50rem)");
  var fitted = [];
  var fit = function () {
    fitted.forEach(function (menu) { menu.open = !narrow.matches; });
  };
  var take = function (menu) {
    if (!menu || fitted.indexOf(menu) !== -1) { return; }
    fitted.push(menu);
    menu.open = !narrow.matches;
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && narrow.matches) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  };
  // The side menu is parsed before this script runs: closed before a phone paints it.
  take(document.getElementById("bo-menu"));
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details[data-collapse-narrow]").forEach(take);
  });
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
})();
