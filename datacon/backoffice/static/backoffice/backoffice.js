// Back office: the side menu is a <details> that starts open; on a narrow
// screen this closes it, so the page comes first and the menu is one tap (or
// Enter/Space on its summary) away. Escape closes it again and returns focus.
(function () {
  "use strict";
  var menu = document.getElementById("bo-menu");
  if (!menu || !window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 50rem)");
  var fit = function () { menu.open = !narrow.matches; };
  fit();
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && narrow.matches) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
