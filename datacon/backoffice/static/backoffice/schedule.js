// DATACON schedule builder: drag sessions onto the grid, or move them from the keyboard.
//
// Progressive enhancement: without this file every session is a link to its
// placement form. With it, a session is dragged from the list of sessions to
// place (or from the grid) onto a slot, or moved with its "Mover" button:
// arrow keys choose a slot, Enter or Space places the session, Escape cancels.
// Each move is posted to the builder's endpoint (the same service as the form),
// which answers what the move did and the conflicts; the grid is then read
// again from the server, so what is shown is always what is stored. The last
// moves can be undone: an undo posts the session back to where it stood.
// To another day: drop the session (or, while moving it from the keyboard,
// activate) the other day's tab; that day opens with the session in hand, to
// be placed on one of its slots like any other move.
(function () {
  "use strict";

  var root = document.getElementById("builder");
  var textNode = document.getElementById("builder-text");
  if (!root || !textNode || !window.fetch || !window.DOMParser) {
    return;
  }
  var text = JSON.parse(textNode.textContent);
  var dock = document.getElementById("builder-dock");
  var status = document.getElementById("builder-status");
  var warningList = document.getElementById("builder-warnings");
  var undoButton = document.getElementById("builder-undo");
  var cancelButton = document.getElementById("builder-cancel");
  var tokenInput = root.querySelector("input[name=csrfmiddlewaretoken]");
  var storageKey = "datacon-builder-undo:" + window.location.pathname;
  var carryKey = "datacon-builder-carry:" + window.location.pathname;
  var picked = null; // the card (grid or list) being moved from the keyboard
  var dragged = null; // the card being dragged
  var busy = false;
  var resizing = null; // {card, startY, rowHeight} while a bottom edge is dragged
  var STEP_MINUTES = 30; // one row of the grid

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) {
      return values[name] === undefined ? "" : values[name];
    });
  }

  // --- the undo stack (kept for the tab, so it survives a change of day) ------
  function readStack() {
    try {
      return JSON.parse(window.sessionStorage.getItem(storageKey) || "[]");
    } catch (error) {
      return [];
    }
  }
  function writeStack(stack) {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(stack.slice(-20)));
    } catch (error) {
      // Storage refused (private mode): undo still works until the page changes.
    }
    memoryStack = stack;
    undoButton.disabled = stack.length === 0;
  }
  var memoryStack = readStack();

  // --- showing what happened ----------------------------------------------------
  function say(message, kind, warnings) {
    status.textContent = "";
    status.className = kind ? "is-" + kind : "";
    warningList.textContent = "";
    (warnings || []).forEach(function (warning) {
      var item = document.createElement("li");
      item.textContent = warning;
      warningList.appendChild(item);
    });
    // A change of text after emptying is announced by screen readers.
    window.setTimeout(function () {
      var full = message;
      if (warnings && warnings.length) {
        full += " " + text.warnings + " " + warnings.join(" ");
      }
      status.textContent = full;
    }, 50);
  }

  function enhance() {
    root.classList.add("js-builder");
    Array.prototype.forEach.call(
      root.querySelectorAll("[data-move], [data-resize], [data-resize-handle]"),
      function (control) {
        control.hidden = false;
      }
    );
    Array.prototype.forEach.call(root.querySelectorAll("[data-session]"), function (card) {
      card.setAttribute("draggable", "true");
    });
    var list = root.querySelector("[data-unplace]");
    if (list) {
      list.setAttribute("aria-label", text.unplace_target);
    }
  }

  function cardFor(sessionId) {
    return root.querySelector('[data-session="' + sessionId + '"]');
  }

  // Read the builder again from the server and put its live part in place.
  function refresh(focusSession) {
    var url = window.location.pathname + "?dia=" + encodeURIComponent(root.dataset.day || "");
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var live = fresh.getElementById("builder-live");
        var current = document.getElementById("builder-live");
        if (live && current) {
          current.innerHTML = live.innerHTML;
          enhance();
        }
        if (focusSession) {
          var card = cardFor(focusSession);
          var button = card && card.querySelector("[data-move]");
          if (button) {
            button.focus();
          }
        }
      });
  }

  function post(url, data, undo) {
    if (busy) {
      return Promise.resolve();
    }
    busy = true;
    var body = new URLSearchParams();
    Object.keys(data).forEach(function (key) {
      body.append(key, data[key]);
    });
    if (undo) {
      body.append("deshacer", "1");
    }
    say(text.saving, "");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "", Accept: "application/json" },
      body: body,
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { status: response.status, answer: answer };
        });
      })
      .then(function (result) {
        var answer = result.answer;
        if (answer.ok && !undo && answer.previous) {
          var stack = memoryStack.slice();
          stack.push({ url: url, previous: answer.previous });
          writeStack(stack);
        }
        // Said once the grid shows the stored state, so what is read matches what is seen.
        return refresh(answer.session).then(function () {
          if (answer.ok) {
            var warned = answer.warnings && answer.warnings.length;
            say(answer.message, warned ? "warning" : "ok", answer.warnings);
          } else {
            say(answer.message, "error");
          }
          return answer;
        });
      })
      .catch(function () {
        say(text.failed, "error");
      })
      .then(function (answer) {
        busy = false;
        return answer;
      });
  }

  function placeAt(card, slot) {
    return post(card.dataset.moveUrl, {
      dia: root.dataset.day,
      hora: slot.dataset.time,
      lugar: slot.dataset.place,
    });
  }

  // A new length, same start and place: the bottom edge dragged, or a −30′/+30′ button.
  function resize(card, minutes) {
    var slot = card.closest("[data-slot]");
    if (!slot || minutes < STEP_MINUTES) {
      say(text.too_short, "error");
      return null;
    }
    return post(card.dataset.moveUrl, {
      dia: root.dataset.day,
      hora: card.dataset.time,
      lugar: slot.dataset.place,
      duracion: String(minutes),
    });
  }

  function unplace(card) {
    return post(card.dataset.moveUrl, { quitar: "1" });
  }

  function onGrid(card) {
    return Boolean(card.closest("[data-slot]"));
  }

  // --- the keyboard (and tap) way ---------------------------------------------
  function slots() {
    return root.querySelectorAll("[data-slot]");
  }

  function slotAt(row, col) {
    return root.querySelector('[data-slot][data-row="' + row + '"][data-col="' + col + '"]');
  }

  // The cell that covers (row, col): it starts there or above, spanning rows.
  function covering(row, col) {
    for (var r = row; r >= 0; r -= 1) {
      var slot = slotAt(r, col);
      if (slot) {
        return Number(slot.dataset.row) + slot.rowSpan > row ? slot : null;
      }
    }
    return null;
  }

  function neighbour(slot, key) {
    var row = Number(slot.dataset.row);
    var col = Number(slot.dataset.col);
    if (key === "ArrowUp") {
      return row > 0 ? covering(row - 1, col) : null;
    }
    if (key === "ArrowDown") {
      return covering(row + slot.rowSpan, col);
    }
    if (key === "ArrowLeft") {
      return col > 0 ? covering(row, col - 1) : null;
    }
    if (key === "ArrowRight") {
      return covering(row, col + 1);
    }
    return null;
  }

  function describe(slot) {
    var cards = slot.querySelectorAll("[data-session]");
    if (!cards.length) {
      return slot.dataset.label + " — " + text.free;
    }
    var titles = Array.prototype.map.call(cards, function (card) {
      return "«" + card.dataset.title + "»";
    });
    return slot.dataset.label + " — " + format(text.taken, { sessions: titles.join(", ") });
  }

  function pick(card) {
    cancel(true);
    picked = card;
    card.classList.add("is-picked");
    root.classList.add("is-moving");
    Array.prototype.forEach.call(slots(), function (slot) {
      slot.tabIndex = -1;
      slot.setAttribute("aria-label", describe(slot));
    });
    var list = root.querySelector("[data-unplace]");
    if (list && onGrid(card)) {
      list.tabIndex = -1;
    }
    Array.prototype.forEach.call(dayTabs(), function (tab) {
      tab.setAttribute(
        "aria-label",
        format(text.carry_to, { session: "«" + card.dataset.title + "»", day: tab.textContent })
      );
    });
    cancelButton.hidden = false;
    say(format(text.picked, { session: "«" + card.dataset.title + "»" }), "");
    var start = card.closest("[data-slot]") || slotAt(0, 0);
    if (start) {
      start.focus();
    }
  }

  function cancel(quiet) {
    if (!picked) {
      return;
    }
    var card = picked;
    picked = null;
    card.classList.remove("is-picked");
    root.classList.remove("is-moving");
    Array.prototype.forEach.call(slots(), function (slot) {
      slot.removeAttribute("tabindex");
      slot.removeAttribute("aria-label");
    });
    var list = root.querySelector("[data-unplace]");
    if (list) {
      list.removeAttribute("tabindex");
    }
    Array.prototype.forEach.call(dayTabs(), function (tab) {
      tab.removeAttribute("aria-label");
    });
    if (card.classList.contains("carried-card")) {
      card.remove(); // brought from another day: it stays where it was
    }
    cancelButton.hidden = true;
    if (!quiet) {
      say(text.cancelled, "");
      // The grid may have been read again meanwhile: look the card up afresh.
      var fresh = cardFor(card.dataset.session) || card;
      var button = fresh.querySelector("[data-move]");
      if (button && document.contains(button)) {
        button.focus();
      }
    }
  }

  function drop(target) {
    var card = picked;
    cancel(true);
    if (target.hasAttribute("data-day-target")) {
      return carry(card, target.dataset.dayTarget);
    }
    if (target.hasAttribute("data-unplace")) {
      return onGrid(card) ? unplace(card) : null;
    }
    return placeAt(card, target);
  }

  // --- to another day -------------------------------------------------------------
  function dayTabs() {
    return root.querySelectorAll("[data-day-target]");
  }

  function carry(card, day) {
    try {
      window.sessionStorage.setItem(
        carryKey,
        JSON.stringify({
          session: card.dataset.session,
          title: card.dataset.title,
          moveUrl: card.dataset.moveUrl,
        })
      );
    } catch (error) {
      say(text.failed, "error"); // storage refused: the session stays where it is
      return null;
    }
    window.location.assign(window.location.pathname + "?dia=" + encodeURIComponent(day));
    return null;
  }

  // The day opened with a session brought from another one: it is in hand, shown in
  // the dock, until it is placed on a slot of this day or the move is cancelled.
  function takeCarried() {
    var raw = null;
    try {
      raw = window.sessionStorage.getItem(carryKey);
      window.sessionStorage.removeItem(carryKey);
    } catch (error) {
      return;
    }
    if (!raw) {
      return;
    }
    var data = JSON.parse(raw);
    var card = document.createElement("p");
    card.className = "carried-card";
    card.dataset.session = data.session;
    card.dataset.title = data.title;
    card.dataset.moveUrl = data.moveUrl;
    card.textContent = "«" + data.title + "»";
    dock.insertBefore(card, dock.firstChild);
    pick(card);
    say(format(text.carried, { session: "«" + data.title + "»" }), "");
  }

  root.addEventListener("click", function (event) {
    var resizer = event.target.closest("[data-resize]");
    if (resizer && root.contains(resizer) && !picked) {
      event.preventDefault();
      var resized = resizer.closest("[data-session]");
      resize(resized, Number(resized.dataset.minutes) + Number(resizer.dataset.resize));
      return;
    }
    var button = event.target.closest("[data-move]");
    if (button && root.contains(button)) {
      event.preventDefault();
      var card = button.closest("[data-session]");
      if (picked === card) {
        cancel(false);
      } else {
        pick(card);
      }
      return;
    }
    if (!picked) {
      return;
    }
    var target = event.target.closest("[data-slot], [data-unplace], [data-day-target]");
    if (target) {
      event.preventDefault(); // a tap on a session's link places instead of opening it
      drop(target);
    }
  });

  root.addEventListener("keydown", function (event) {
    if (!picked) {
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      cancel(false);
      return;
    }
    var target = event.target;
    if (!target.matches || !target.matches("[data-slot], [data-unplace]")) {
      return;
    }
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      drop(target);
      return;
    }
    if (target.hasAttribute("data-slot")) {
      var next = neighbour(target, event.key);
      if (event.key.indexOf("Arrow") === 0) {
        event.preventDefault();
        if (next) {
          next.focus();
        }
      }
    }
  });

  cancelButton.addEventListener("click", function () {
    cancel(false);
  });

  // --- resizing with the pointer ------------------------------------------------------
  root.addEventListener("pointerdown", function (event) {
    var handle = event.target.closest && event.target.closest("[data-resize-handle]");
    if (!handle || picked) {
      return;
    }
    event.preventDefault(); // no drag of the card, no text selection
    var card = handle.closest("[data-session]");
    var row = root.querySelector(".schedule-grid tbody tr");
    resizing = { card: card, startY: event.clientY, rowHeight: row ? row.offsetHeight : 40 };
    card.classList.add("is-resizing");
    handle.setPointerCapture(event.pointerId);
  });

  function rowsMoved(event) {
    return Math.round((event.clientY - resizing.startY) / resizing.rowHeight);
  }

  root.addEventListener("pointermove", function (event) {
    if (!resizing) {
      return;
    }
    var minutes = Number(resizing.card.dataset.minutes) + rowsMoved(event) * STEP_MINUTES;
    resizing.card.dataset.preview = minutes >= STEP_MINUTES ? minutes + " min" : "";
  });

  root.addEventListener("pointerup", function (event) {
    if (!resizing) {
      return;
    }
    var card = resizing.card;
    var rows = rowsMoved(event);
    resizing = null;
    card.classList.remove("is-resizing");
    delete card.dataset.preview;
    if (rows !== 0) {
      resize(card, Number(card.dataset.minutes) + rows * STEP_MINUTES);
    }
  });

  root.addEventListener("pointercancel", function () {
    if (resizing) {
      resizing.card.classList.remove("is-resizing");
      delete resizing.card.dataset.preview;
      resizing = null;
    }
  });

  // --- dragging ---------------------------------------------------------------------
  function clearOver() {
    Array.prototype.forEach.call(root.querySelectorAll(".is-over"), function (element) {
      element.classList.remove("is-over");
    });
  }

  root.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-session]");
    if (!card || resizing) {
      if (resizing) {
        event.preventDefault();
      }
      return;
    }
    cancel(true);
    dragged = card;
    card.classList.add("is-dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.session);
  });

  root.addEventListener("dragover", function (event) {
    if (!dragged) {
      return;
    }
    var target =
      event.target.closest && event.target.closest("[data-slot], [data-unplace], [data-day-target]");
    if (!target) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!target.classList.contains("is-over")) {
      clearOver();
      target.classList.add("is-over");
    }
  });

  root.addEventListener("dragleave", function (event) {
    if (event.target.classList && event.target.classList.contains("is-over")) {
      event.target.classList.remove("is-over");
    }
  });

  root.addEventListener("drop", function (event) {
    var target =
      event.target.closest && event.target.closest("[data-slot], [data-unplace], [data-day-target]");
    var card = dragged;
    clearOver();
    if (!card || !target) {
      return;
    }
    event.preventDefault();
    dragged = null;
    card.classList.remove("is-dragged");
    if (target.hasAttribute("data-day-target")) {
      carry(card, target.dataset.dayTarget);
      return;
    }
    if (target.hasAttribute("data-unplace")) {
      if (onGrid(card)) {
        unplace(card);
      }
      return;
    }
    placeAt(card, target);
  });

  root.addEventListener("dragend", function () {
    clearOver();
    if (dragged) {
      dragged.classList.remove("is-dragged");
      dragged = null;
    }
  });

  // --- undo -------------------------------------------------------------------------
  undoButton.addEventListener("click", function () {
    var stack = memoryStack.slice();
    var last = stack.pop();
    if (!last) {
      say(text.nothing_to_undo, "");
      return;
    }
    post(last.url, last.previous, true).then(function (answer) {
      if (answer && answer.ok) {
        writeStack(stack);
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && picked && !root.contains(event.target)) {
      cancel(false);
    }
  });

  dock.hidden = false;
  Array.prototype.forEach.call(root.querySelectorAll(".builder-help"), function (help) {
    help.hidden = false;
  });
  writeStack(memoryStack);
  enhance();
  takeCarried();
})();
