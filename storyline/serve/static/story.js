/* storyline story page: the interactive timeline and the actor network, drawn in SVG from the
   JSON API. No dependencies, no inline script (the page's CSP forbids it), text is only ever
   set with textContent. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, text, cls, parent) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    if (parent) parent.appendChild(node);
    return node;
  }
  function safeHref(href) {  // only same-site paths from our own API
    return typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/" ? href : null;
  }
  function load(container, draw) {
    var src = container.getAttribute("data-src");
    fetch(src, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) { container.textContent = ""; draw(container, data); })
      .catch(function (err) { container.textContent = "Could not load the chart: " + err.message; });
  }
  function parseDay(value) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value || "");
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
  }
  function fmt(t) { return new Date(t).toISOString().slice(0, 10); }

  /* ---- timeline ---------------------------------------------------------------------------- */
  function drawTimeline(container, data) {
    var items = (data.items || []).filter(function (it) { return parseDay(it.date) !== null; });
    if (!items.length) {
      html("p", "No dated events or articles in this story yet" +
        (data.undated_events ? " (" + data.undated_events + " undated events)." : "."), "empty", container);
      return;
    }
    items.forEach(function (it) { it.t = parseDay(it.date); });
    var lo = Math.min.apply(null, items.map(function (i) { return i.t; }));
    var hi = Math.max.apply(null, items.map(function (i) { return i.t; }));
    var full = [lo - DAY, hi + DAY];
    var view = full.slice();
    var width = Math.max(320, container.clientWidth || 640), height = 150, left = 16, right = 16;
    var lanes = { event: 52, article: 104 };

    var tools = html("div", null, "chart-tools", container);
    var zoomIn = html("button", "+", "small-btn", tools), zoomOut = html("button", "−", "small-btn", tools);
    var reset = html("button", "reset", "small-btn", tools);
    [zoomIn, zoomOut, reset].forEach(function (b) { b.type = "button"; });
    zoomIn.setAttribute("aria-label", "zoom in"); zoomOut.setAttribute("aria-label", "zoom out");
    html("span", "drag to pan, wheel to zoom, click a mark to open its sentence", "muted small", tools);

    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", "class": "timeline-svg",
                            role: "img", "aria-label": "Timeline of the story" }, container);
    var axis = svg("g", { "class": "axis" }, root);
    var marks = svg("g", {}, root);
    svg("text", { x: 4, y: lanes.event - 18, "class": "lane-label" }, root).textContent = "events";
    svg("text", { x: 4, y: lanes.article - 18, "class": "lane-label" }, root).textContent = "articles";
    var info = html("p", "", "chart-info small", container);
    var list = html("ol", null, "plain timeline-list", container);

    function x(t) { return left + (t - view[0]) / (view[1] - view[0]) * (width - left - right); }
    function show(it) {
      info.textContent = "";
      html("strong", it.date + " ", null, info);
      var href = safeHref(it.href);
      if (href) { var a = html("a", it.label, null, info); a.href = href; } else { info.appendChild(document.createTextNode(it.label)); }
      if (it.sources > 1) html("span", " · " + it.sources + " sources", "muted", info);
    }
    function render() {
      axis.textContent = ""; marks.textContent = "";
      svg("line", { x1: left, x2: width - right, y1: height - 22, y2: height - 22, "class": "axis-line" }, axis);
      var span = view[1] - view[0], ticks = 6;
      for (var k = 0; k <= ticks; k++) {
        var t = view[0] + span * k / ticks, xx = x(t);
        svg("line", { x1: xx, x2: xx, y1: 30, y2: height - 18, "class": "tick" }, axis);
        svg("text", { x: xx, y: height - 6, "class": "tick-label", "text-anchor": "middle" }, axis).textContent = fmt(t);
      }
      var stack = {};
      items.forEach(function (it) {
        if (it.t < view[0] || it.t > view[1]) return;
        var key = it.kind + it.t; stack[key] = (stack[key] || 0) + 1;
        var y = lanes[it.kind] - (stack[key] - 1) * 9;
        var mark = it.kind === "event"
          ? svg("circle", { cx: x(it.t), cy: y, r: it.sources > 1 ? 6 : 4.5, "class": "mark mark-event", tabindex: 0 }, marks)
          : svg("rect", { x: x(it.t) - 4, y: y - 4, width: 8, height: 8, "class": "mark mark-article", tabindex: 0 }, marks);
        svg("title", {}, mark).textContent = it.date + " · " + it.label;
        mark.addEventListener("mouseenter", function () { show(it); });
        mark.addEventListener("focus", function () { show(it); });
        mark.addEventListener("click", function () { var h = safeHref(it.href); if (h) window.location.href = h; });
        mark.addEventListener("keydown", function (e) { if (e.key === "Enter") { var h = safeHref(it.href); if (h) window.location.href = h; } });
      });
    }
    function zoom(factor, centre) {
      var c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
      var lo2 = c - (c - view[0]) * factor, hi2 = c + (view[1] - c) * factor;
      if (hi2 - lo2 < DAY) return;
      view = [lo2, hi2]; render();
    }
    zoomIn.addEventListener("click", function () { zoom(0.6); });
    zoomOut.addEventListener("click", function () { zoom(1 / 0.6); });
    reset.addEventListener("click", function () { view = full.slice(); render(); });
    root.addEventListener("wheel", function (e) {
      e.preventDefault();
      var box = root.getBoundingClientRect();
      var t = view[0] + ((e.clientX - box.left) / box.width * width - left) / (width - left - right) * (view[1] - view[0]);
      zoom(e.deltaY < 0 ? 0.8 : 1.25, t);
    }, { passive: false });
    var drag = null;
    root.addEventListener("pointerdown", function (e) { if (e.target.classList.contains("mark")) return; drag = { x: e.clientX, view: view.slice() }; });
    window.addEventListener("pointerup", function () { drag = null; });
    root.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var box = root.getBoundingClientRect();
      var shift = (e.clientX - drag.x) / box.width * (drag.view[1] - drag.view[0]);
      view = [drag.view[0] - shift, drag.view[1] - shift]; render();
    });
    render();
    items.forEach(function (it) {
      var li = html("li", null, "tl-" + it.kind, list);
      html("span", it.date + " ", "muted", li);
      var href = safeHref(it.href);
      if (href) { var a = html("a", it.label, null, li); a.href = href; } else { li.appendChild(document.createTextNode(it.label)); }
    });
    if (data.undated_events) html("p", data.undated_events + " events without a resolved date are not shown.", "muted small", container);
  }

  /* ---- actor network (force-directed, computed once, deterministic) ------------------------ */
  function layout(nodes, edges, width, height) {
    var n = nodes.length, index = {};
    nodes.forEach(function (node, i) {
      index[node.id] = i;
      var angle = 2 * Math.PI * i / n;
      node.x = width / 2 + Math.cos(angle) * width / 3; node.y = height / 2 + Math.sin(angle) * height / 3;
    });
    var k = Math.min(90, Math.sqrt(width * height / Math.max(1, n)) * 0.45);
    for (var step = 0; step < 250; step++) {
      var temp = 0.1 * width * (1 - step / 250) + 1;
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) {
        var ex = nodes[i].x - nodes[j].x, ey = nodes[i].y - nodes[j].y, d = Math.sqrt(ex * ex + ey * ey) || 0.01;
        var f = k * k / d; dx[i] += ex / d * f; dy[i] += ey / d * f; dx[j] -= ex / d * f; dy[j] -= ey / d * f;
      }
      edges.forEach(function (e) {
        var a = index[e.source], b = index[e.target];
        if (a === undefined || b === undefined) return;
        var ex = nodes[a].x - nodes[b].x, ey = nodes[a].y - nodes[b].y, d = Math.sqrt(ex * ex + ey * ey) || 0.01;
        var f = d * d / k; dx[a] -= ex / d * f; dy[a] -= ey / d * f; dx[b] += ex / d * f; dy[b] += ey / d * f;
      });
      for (var m = 0; m < n; m++) {  // gravity keeps small graphs off the walls
        dx[m] -= (nodes[m].x - width / 2) * 0.8; dy[m] -= (nodes[m].y - height / 2) * 0.8;
        var len = Math.sqrt(dx[m] * dx[m] + dy[m] * dy[m]) || 1;
        nodes[m].x = Math.min(width - 30, Math.max(30, nodes[m].x + dx[m] / len * Math.min(len, temp)));
        nodes[m].y = Math.min(height - 20, Math.max(20, nodes[m].y + dy[m] / len * Math.min(len, temp)));
      }
    }
    return index;
  }

  function radius(node) { return 5 + Math.min(8, Math.sqrt(node.out + node["in"]) * 2); }

  function drawNetwork(container, data) {
    var nodes = data.nodes || [], edges = data.edges || [];
    if (!edges.length) { html("p", "No events between two actors recorded for this story yet.", "empty", container); return; }
    var width = 320, height = Math.max(240, Math.min(420, 60 * Math.sqrt(nodes.length) + 120));
    var index = layout(nodes, edges, width, height);
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", "class": "network-svg",
                            role: "img", "aria-label": "Actor network: who acts on whom" }, container);
    var defs = svg("defs", {}, root);
    var marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8,
                                 markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
    svg("path", { d: "M 0 0 L 10 5 L 0 10 z", "class": "arrow" }, marker);
    var max = Math.max.apply(null, edges.map(function (e) { return e.count; }));
    var lines = [];
    edges.forEach(function (e) {
      var a = nodes[index[e.source]], b = nodes[index[e.target]];
      if (!a || !b) return;
      var ex = b.x - a.x, ey = b.y - a.y, d = Math.sqrt(ex * ex + ey * ey) || 1, cut = radius(b) + 2;
      var line = svg("line", { x1: a.x, y1: a.y, x2: b.x - ex / d * cut, y2: b.y - ey / d * cut, "class": "edge", "stroke-width": 1 + 3 * e.count / max, "marker-end": "url(#arrow)" }, root);
      svg("title", {}, line).textContent = a.name + " → " + b.name + ": " + Object.keys(e.types || {}).map(function (t) { return t + " ×" + e.types[t]; }).join(", ");
      lines.push({ line: line, a: e.source, b: e.target });
    });
    nodes.forEach(function (node) {
      var g = svg("g", { "class": "node" + (node.entity ? " linked" : ""), transform: "translate(" + node.x + "," + node.y + ")", tabindex: 0 }, root);
      svg("circle", { r: radius(node) }, g);
      var right = node.x > width / 2;
      svg("text", { x: right ? -9 : 9, y: 4, "class": "node-label", "text-anchor": right ? "end" : "start" }, g).textContent = node.name;
      svg("title", {}, g).textContent = node.name + (node.type ? " (" + node.type + ")" : "") + ": acts " + node.out + "×, acted on " + node["in"] + "×";
      function focus(on) { lines.forEach(function (l) { l.line.classList.toggle("dim", on && l.a !== node.id && l.b !== node.id); }); }
      g.addEventListener("mouseenter", function () { focus(true); });
      g.addEventListener("mouseleave", function () { focus(false); });
      if (node.entity) g.addEventListener("click", function () { window.location.href = "/entities/" + encodeURIComponent(node.entity); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tl = document.getElementById("timeline");
    if (tl) load(tl, drawTimeline);
    var net = document.getElementById("network");
    if (net) load(net, drawNetwork);
  });
})();
