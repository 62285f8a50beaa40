// storyline web UI: keyboard navigation and the API docs page. No inline scripts (CSP);
// everything built from data uses textContent, never innerHTML.
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  var rows = [];
  var current = -1;
  function select(i) {
    if (!rows.length) return;
    if (current >= 0 && rows[current]) rows[current].classList.remove("selected");
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows[current].classList.add("selected");
    rows[current].scrollIntoView({ block: "nearest" });
  }
  function openSelected() {
    if (current < 0) return;
    var link = rows[current].querySelector("[data-open]") || rows[current].querySelector("a");
    if (link) link.click();
  }
  function follow(rel) {
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (link) link.click();
  }

  var pendingG = false;
  function onKey(event) {
    var help = document.getElementById("help");
    if (event.key === "Escape") {
      if (typing(event.target)) event.target.blur();
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (pendingG) {
      pendingG = false;
      var go = { h: "/", a: "/articles", r: "/rejects", s: "/search" }[event.key];
      if (go) { window.location.href = go; event.preventDefault(); }
      return;
    }
    switch (event.key) {
      case "/": {
        var box = document.querySelector("main input[type=search]") || document.getElementById("global-search");
        if (box) { box.focus(); box.select(); event.preventDefault(); }
        break;
      }
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "o": case "Enter": openSelected(); break;
      case "n": follow("next"); break;
      case "p": follow("prev"); break;
      case "g": pendingG = true; break;
      case "f": {
        var removed = document.getElementById("removed");
        if (removed) removed.open = !removed.open;
        break;
      }
      case ".": case ",": {
        var marks = Array.prototype.slice.call(document.querySelectorAll("#text .hl"));
        if (!marks.length) break;
        var at = marks.indexOf(document.activeElement);
        var next = marks[(at + (event.key === "." ? 1 : marks.length - 1)) % marks.length];
        next.setAttribute("tabindex", "-1");
        next.focus();
        next.scrollIntoView({ block: "center" });
        break;
      }
      case "?": if (help && help.showModal && !help.open) help.showModal(); break;
      default: return;
    }
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function schemaText(schema) {
    if (!schema) return "";
    var parts = [schema.type || ""];
    if (schema.minimum !== undefined) parts.push("≥ " + schema.minimum);
    if (schema.maximum !== undefined) parts.push("≤ " + schema.maximum);
    if (schema.default !== undefined) parts.push("default " + JSON.stringify(schema.default));
    return parts.join(", ");
  }

  function renderDocs(container, doc) {
    container.textContent = "";
    Object.keys(doc.paths || {}).forEach(function (path) {
      var item = doc.paths[path];
      Object.keys(item).forEach(function (method) {
        var op = item[method];
        var box = el("section", null, "op");
        var head = el("h3");
        head.appendChild(el("span", method.toUpperCase(), "method " + method));
        head.appendChild(document.createTextNode(path));
        box.appendChild(head);
        box.appendChild(el("p", op.summary || "", "muted"));
        var params = op.parameters || [];
        if (params.length) {
          var table = el("table");
          var hr = el("tr");
          ["parameter", "in", "type", "description"].forEach(function (h) { hr.appendChild(el("th", h)); });
          table.appendChild(hr);
          params.forEach(function (p) {
            var tr = el("tr");
            tr.appendChild(el("td", p.name + (p.required ? " *" : "")));
            tr.appendChild(el("td", p["in"]));
            tr.appendChild(el("td", schemaText(p.schema)));
            tr.appendChild(el("td", p.description || ""));
            table.appendChild(tr);
          });
          box.appendChild(table);
        }
        var codes = Object.keys(op.responses || {}).join(", ");
        box.appendChild(el("p", "responses: " + codes + (op.security ? " · needs a bearer token" : ""), "small muted"));
        container.appendChild(box);
      });
    });
  }

  function loadDocs() {
    var container = document.getElementById("api-docs");
    if (!container) return;
    fetch(container.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (doc) { renderDocs(container, doc); })
      .catch(function (err) { container.textContent = "Could not load the API description: " + err; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
    document.addEventListener("keydown", onKey);
    var helpButton = document.querySelector('[data-action="help"]');
    var help = document.getElementById("help");
    if (helpButton && help && help.showModal) helpButton.addEventListener("click", function () { help.showModal(); });
    loadDocs();
    var cite = document.getElementById("cite");
    if (cite) cite.scrollIntoView({ block: "center" });  // a citation opened this article
  });
})();
