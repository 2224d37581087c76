// DATACON: "my selection" of sessions, kept in this browser only (localStorage).
// Progressive enhancement: without this script the session page's link to
// /ediciones/<edition>/mi-seleccion/?sesiones=<code> still works.
(function () {
  "use strict";
  var english = document.documentElement.lang === "en";
  var T = english
    ? { add: "Add to my selection", remove: "Remove from my selection", chosen: "In my selection", bar: "My selection", calendar: "Calendar (.ics)", clear: "Clear", count: function (n) { return n + (n === 1 ? " session" : " sessions"); } }
    : { add: "Añadir a mi selección", remove: "Quitar de mi selección", chosen: "En mi selección", bar: "Mi selección", calendar: "Calendario (.ics)", clear: "Vaciar", count: function (n) { return n + (n === 1 ? " sesión" : " sesiones"); } };
  var prefix = english ? "/en" : "";

  function key(edition) { return "datacon-seleccion-" + edition; }
  function load(edition) {
    try { var value = JSON.parse(localStorage.getItem(key(edition)) || "[]"); return Array.isArray(value) ? value : []; }
    catch (error) { return []; }
  }
  function save(edition, codes) {
    try { localStorage.setItem(key(edition), JSON.stringify(codes)); } catch (error) { /* private mode: keep working */ }
  }
  function toggle(edition, code, on) {
    var codes = load(edition).filter(function (c) { return c !== code; });
    if (on) { codes.push(code); }
    codes.sort();
    save(edition, codes);
    return codes;
  }
  function selectionUrl(edition, codes, ics) {
    return prefix + "/ediciones/" + edition + (ics ? "/mi-seleccion.ics" : "/mi-seleccion/") + "?sesiones=" + encodeURIComponent(codes.join(","));
  }

  // Program page: a checkbox on every session card.
  var cards = document.querySelectorAll(".session-card");
  var edition = null;
  var bar = null;
  function renderBar() {
    if (!edition) { return; }
    var codes = load(edition);
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "selection-bar";
      bar.setAttribute("role", "status");
      var main = document.getElementById("contenido");
      (main || document.body).appendChild(bar);
    }
    bar.textContent = "";
    if (!codes.length) { bar.hidden = true; return; }
    bar.hidden = false;
    var label = document.createElement("strong");
    label.textContent = T.bar + ": " + T.count(codes.length);
    var view = document.createElement("a");
    view.href = selectionUrl(edition, codes, false);
    view.textContent = T.bar;
    var ics = document.createElement("a");
    ics.href = selectionUrl(edition, codes, true);
    ics.textContent = T.calendar;
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = T.clear;
    clear.addEventListener("click", function () {
      save(edition, []);
      document.querySelectorAll(".selection-toggle input").forEach(function (box) { box.checked = false; });
      renderBar();
    });
    [label, view, ics, clear].forEach(function (node) { bar.appendChild(node); });
  }
  cards.forEach(function (card) {
    var link = card.querySelector(".session-title a");
    if (!link) { return; }
    var match = link.getAttribute("href").match(/\/ediciones\/([^/]+)\/sesiones\/([^/]+)\//);
    if (!match) { return; }
    edition = match[1];
    var code = decodeURIComponent(match[2]);
    var wrapper = document.createElement("label");
    wrapper.className = "selection-toggle";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.value = code;
    box.checked = load(edition).indexOf(code) !== -1;
    box.addEventListener("change", function () { toggle(edition, code, box.checked); renderBar(); });
    wrapper.appendChild(box);
    wrapper.appendChild(document.createTextNode(" " + T.add));
    card.appendChild(wrapper);
  });
  renderBar();

  // Session page: the "add to my selection" link becomes a toggle button.
  document.querySelectorAll("[data-select-session]").forEach(function (link) {
    var code = link.getAttribute("data-select-session");
    var own = link.getAttribute("data-edition");
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    function paint() {
      var on = load(own).indexOf(code) !== -1;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? T.remove : T.add;
    }
    button.addEventListener("click", function () {
      var on = load(own).indexOf(code) !== -1;
      toggle(own, code, !on);
      paint();
    });
    paint();
    link.parentNode.replaceChild(button, link);
  });

  // Selection page: an empty form is filled from this browser's selection.
  var form = document.querySelector("[data-selection-form]");
  if (form) {
    var field = form.querySelector("input[name=sesiones]");
    var own = form.getAttribute("data-edition");
    var stored = load(own);
    if (field && !field.value && stored.length) {
      window.location.replace(selectionUrl(own, stored, false));
    } else if (field && field.value) {
      save(own, field.value.split(/[\s,;]+/).filter(Boolean).map(function (c) { return c.toUpperCase(); }).sort());
    }
  }
})();
