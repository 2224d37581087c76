// Registration: print the ticket, and the staff check-in screen (typed code always,
// camera where the browser has BarcodeDetector). Every page works without this file.
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  var form = document.querySelector("[data-checkin-form]");
  if (!form) { return; }
  var input = form.querySelector("input[name=code]");
  var result = document.querySelector("[data-checkin-result]");
  var countsUrl = form.getAttribute("data-counts-url");
  var countsKey = form.getAttribute("data-counts-key");
  var busy = false;
  var lastCode = "";
  var lastAt = 0;

  function show(data) {
    result.hidden = false;
    var kind = data.kind === "checked_in" ? "checked_in" : (data.kind === "already" ? "already" : "error");
    result.className = "checkin-result is-" + kind;
    result.textContent = "";
    var title = document.createElement("strong");
    title.textContent = data.message;
    result.appendChild(title);
    if (data.name || data.ticket) {
      var who = document.createElement("span");
      who.textContent = [data.name, data.ticket].filter(Boolean).join(" · ");
      result.appendChild(who);
    }
    if (navigator.vibrate) { navigator.vibrate(kind === "error" ? [80, 60, 80] : 60); }
  }

  function submit(code) {
    if (busy || !code) { return; }
    // The camera sees the same code many times a second: ignore repeats for a moment.
    var now = Date.now();
    if (code === lastCode && now - lastAt < 4000) { return; }
    lastCode = code; lastAt = now;
    busy = true;
    var body = new FormData(form);
    body.set("code", code);
    fetch(form.action, {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok && response.status !== 400) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      show(data);
      input.value = "";
      refreshCounts();
    }).catch(function () {
      show({ kind: "error", message: form.getAttribute("data-offline-message") });
    }).then(function () {
      busy = false;
      input.focus();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit(input.value.trim());
  });

  function refreshCounts() {
    if (!countsUrl) { return; }
    fetch(countsUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var all = data.venues.concat(data.sessions);
        if (data.online) { all.push(data.online); }
        all.forEach(function (item) {
          if (item.key !== countsKey) { return; }
          ["checked_in", "confirmed", "capacity", "waiting"].forEach(function (field) {
            var cell = document.querySelector("[data-count=" + field + "]");
            if (cell) { cell.textContent = item[field] === null ? "—" : String(item[field]); }
          });
        });
      }).catch(function () { /* counts refresh again on the next tick */ });
  }
  if (countsUrl) { window.setInterval(refreshCounts, 10000); }

  // Camera scanning, where the browser can read QR codes by itself.
  var cameraBox = document.querySelector("[data-checkin-camera]");
  if (!cameraBox || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  cameraBox.hidden = false;
  var startButton = cameraBox.querySelector("[data-camera-start]");
  var video = cameraBox.querySelector("video");
  var stream = null;
  var detector = null;
  try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (error) { cameraBox.hidden = true; return; }

  function scan() {
    if (!stream) { return; }
    detector.detect(video).then(function (codes) {
      if (codes.length) { submit(codes[0].rawValue.trim()); }
    }).catch(function () { /* a frame that could not be read */ }).then(function () {
      if (stream) { window.setTimeout(scan, 250); }
    });
  }

  startButton.addEventListener("click", function () {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      video.hidden = true;
      startButton.textContent = startButton.getAttribute("data-label-start");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        return video.play();
      }).then(function () {
        startButton.textContent = startButton.getAttribute("data-label-stop");
        scan();
      }).catch(function () {
        show({ kind: "error", message: startButton.getAttribute("data-denied-message") });
      });
  });
})();
