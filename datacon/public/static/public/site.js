// DATACON public site: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Phone menu: a button that opens and closes the main navigation. The
  // button starts hidden so that, without this script, the menu is always open.
  var toggle = document.querySelector(".nav-toggle");
  var menu = document.querySelector(".main-nav");
  if (toggle && menu) {
    document.documentElement.classList.add("js-nav");
    toggle.hidden = false;
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Video links become a "play here" button; the third-party player loads only
  // after the visitor asks for it (no external request on page load).
  var EMBEDS = [
    [/^https?:\/\/(?:www\.)?youtube\.com\/watch\?v=([\w-]{6,})/, "https://www.youtube-nocookie.com/embed/"],
    [/^https?:\/\/youtu\.be\/([\w-]{6,})/, "https://www.youtube-nocookie.com/embed/"],
    [/^https?:\/\/(?:www\.)?vimeo\.com\/(\d+)/, "https://player.vimeo.com/video/"]
  ];
  document.querySelectorAll("[data-video-url]").forEach(function (box) {
    var url = box.getAttribute("data-video-url");
    var src = null;
    EMBEDS.forEach(function (pair) {
      var match = url.match(pair[0]);
      if (match && !src) { src = pair[1] + match[1]; }
    });
    if (!src) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary button";
    button.textContent = document.documentElement.lang === "en" ? "Play the video here" : "Reproducir el video aquí";
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = src;
      frame.title = button.textContent;
      frame.allow = "fullscreen; picture-in-picture";
      frame.setAttribute("allowfullscreen", "");
      box.replaceChild(frame, button);
      frame.focus();
    });
    box.appendChild(button);
  });
})();
