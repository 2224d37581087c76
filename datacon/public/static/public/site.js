// DATACON public site: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

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
