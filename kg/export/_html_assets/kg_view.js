/* il6-kg HTML view: details panel, filters, search, focus and network set-up.
   All text from papers is inserted with textContent / DOM APIs, never innerHTML. */
(function () {
  "use strict";
  var timings = { script: performance.now() };
  window.kgTimings = timings;  // read by benchmarks/viewer_scale.py
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var panel = document.getElementById("kg-details");
  var view = data.view;
  var nodeIds = Object.keys(data.nodes).sort();
  var edgeIds = Object.keys(data.edges).sort();
  var state = {
    categories: {},        // category -> false when unchecked
    predicates: {},        // predicate -> false when unchecked
    minBelief: 0,
    hideNegated: false,
    focus: view.focus,
    hops: view.hops,
    limited: view.top !== null
  };
  var adjacent = {};
  nodeIds.forEach(function (id) { adjacent[id] = []; });
  edgeIds.forEach(function (id) {
    var edge = data.edges[id];
    adjacent[edge.subject].push(edge.object);
    adjacent[edge.object].push(edge.subject);
  });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function safeUrl(url) {
    return (typeof url === "string" && /^https?:\/\//i.test(url)) ? url : null;
  }

  function link(text, url) {
    var href = safeUrl(url);
    if (!href) { return el("span", text); }
    var a = el("a", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function action(text, handler, className) {
    var button = el("button", text, className || "kg-link");
    button.type = "button";
    button.addEventListener("click", handler);
    return button;
  }

  function clear() {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
  }

  function fields(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") { return; }
      dl.appendChild(el("dt", row[0]));
      var dd = el("dd");
      if (row[1] instanceof Node) { dd.appendChild(row[1]); } else { dd.textContent = String(row[1]); }
      dl.appendChild(dd);
    });
    return dl;
  }

  function paperItem(docId) {
    var info = data.papers[docId] || { id: docId, url: null, title: null, citation: null };
    var li = el("li");
    li.appendChild(link(info.id, info.url));
    if (info.title) { li.appendChild(document.createTextNode(" \u2014 " + info.title)); }
    if (info.citation) { li.appendChild(el("span", " (" + info.citation + ")", "kg-meta")); }
    return li;
  }

  function conceptButton(curie) {
    var node = data.nodes[curie];
    return action(node ? node.name : curie, function () { selectNode(curie); });
  }

  function identifiers(id, node) {
    var span = el("span");
    span.appendChild(link(id, node.resolver || node.iri));
    if (node.iri && node.resolver) {
      span.appendChild(document.createTextNode(" "));
      span.appendChild(link("(IRI)", node.iri));
    }
    return span;
  }

  function claimItem(edgeId) {
    var edge = data.edges[edgeId];
    var li = el("li");
    li.appendChild(action(
      (data.nodes[edge.subject] || {}).name + " \u2192 " + edge.statement + " \u2192 " +
      (data.nodes[edge.object] || {}).name, function () { selectEdge(edgeId); }));
    return li;
  }

  function showNode(id) {
    var node = data.nodes[id];
    if (!node) { return false; }
    clear();
    panel.appendChild(el("h2", node.name));
    panel.appendChild(action("Focus on this concept", function () { setFocus(id); }, "kg-button"));
    panel.appendChild(fields([
      ["Identifier", identifiers(id, node)],
      ["Category", node.category_label + " (" + node.category + ")"],
      ["Grounded", node.grounded ? "yes" : "no (text-mined, not in an ontology)"],
      ["Synonyms", node.synonyms.length ? node.synonyms.join("; ") : "none"],
      ["Evidence", node.evidence + " (sentences of its claims + papers naming it)"]
    ]));
    panel.appendChild(el("h3", "Claims (" + node.claims.length + ")"));
    var claims = el("ul");
    node.claims.forEach(function (edgeId) { claims.appendChild(claimItem(edgeId)); });
    panel.appendChild(claims);
    panel.appendChild(el("h3", "Papers (" + node.papers.length + ")"));
    var ul = el("ul");
    node.papers.forEach(function (docId) { ul.appendChild(paperItem(docId)); });
    panel.appendChild(ul);
    return true;
  }

  function sentence(segments) {
    var p = el("p", null, "kg-sentence");
    segments.forEach(function (segment) {
      if (segment[1]) {
        var mark = el("mark", segment[0], "kg-" + segment[1]);
        mark.title = segment[1];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(segment[0]));
      }
    });
    return p;
  }

  function showEdge(id) {
    var edge = data.edges[id];
    if (!edge) { return false; }
    clear();
    panel.appendChild(el("h2", edge.label));
    var claim = el("p");
    claim.appendChild(conceptButton(edge.subject));
    claim.appendChild(document.createTextNode(" \u2192 " + edge.statement + " \u2192 "));
    claim.appendChild(conceptButton(edge.object));
    panel.appendChild(claim);
    panel.appendChild(fields([
      ["Predicate", edge.predicate],
      ["Aspect", edge.object_aspect],
      ["Direction", edge.object_direction],
      ["Negated", edge.negated ? "yes" : "no"],
      ["Hedged", edge.hedged ? "yes" : "no"],
      ["Belief", edge.belief]
    ]));
    if (edge.context.length) {
      panel.appendChild(el("h3", "Context"));
      panel.appendChild(fields(edge.context));
    }
    [["contradicts", "Contradicted by"], ["context_dependent_with", "Differs by context from"]]
      .forEach(function (pair) {
        if (!edge[pair[0]].length) { return; }
        panel.appendChild(el("h3", pair[1] + " (" + edge[pair[0]].length + ")", "kg-" + pair[0]));
        var list = el("ul");
        edge[pair[0]].forEach(function (other) { if (data.edges[other]) { list.appendChild(claimItem(other)); } });
        panel.appendChild(list);
      });
    panel.appendChild(el("h3", "Evidence (" + edge.evidence.length + ")"));
    var list = el("ul", null, "kg-evidence");
    edge.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(sentence(ev.segments));
      var meta = el("div", null, "kg-meta");
      var paper = data.papers[ev.document_id];
      meta.appendChild(link(ev.document_id, paper ? paper.url : null));
      if (paper && paper.title) { meta.appendChild(document.createTextNode(" \u2014 " + paper.title)); }
      meta.appendChild(document.createTextNode(
        " \u00b7 " + ev.extractor + " \u00b7 confidence " + ev.confidence));
      if (ev.negated) { meta.appendChild(el("span", "negated", "kg-flag")); }
      if (ev.hedged) { meta.appendChild(el("span", "hedged", "kg-flag")); }
      li.appendChild(meta);
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.appendChild(el("h3", "Papers (" + edge.publications.length + ")"));
    var papers = el("ul");
    edge.publications.forEach(function (docId) { papers.appendChild(paperItem(docId)); });
    panel.appendChild(papers);
    return true;
  }

  window.kgData = data;
  window.kgShowNode = showNode;
  window.kgShowEdge = showEdge;
  window.kgReady = false;

  var container = document.getElementById("mynetwork");
  var nodes = new vis.DataSet(kgNodeData);
  var edges = new vis.DataSet(kgEdgeData);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, kgOptions);
  window.kgNetwork = network;
  timings.network = performance.now();

  /* ---------------------------------------------------------------- visibility */
  var hidden = { nodes: {}, edges: {} };
  var labelled = {};
  var counts = { nodes: nodeIds.length, edges: edgeIds.length };

  function neighbourhood(start, hops) {
    var seen = {};
    seen[start] = 0;
    var queue = [start];
    while (queue.length) {
      var id = queue.shift();
      if (seen[id] >= hops) { continue; }
      adjacent[id].forEach(function (other) {
        if (!(other in seen)) { seen[other] = seen[id] + 1; queue.push(other); }
      });
    }
    return seen;
  }

  function apply() {
    var base = null;
    if (state.focus) {
      base = neighbourhood(state.focus, state.hops);
    } else if (state.limited) {
      base = {};
      view.top.forEach(function (id) { base[id] = true; });
    }
    var showNodes = {};
    var nodeChanges = [];
    counts.nodes = 0;
    nodeIds.forEach(function (id) {
      var node = data.nodes[id];
      var show = id === state.focus ||
        ((!base || id in base) && state.categories[node.category] !== false);
      showNodes[id] = show;
      if (show) { counts.nodes += 1; }
      if (!!hidden.nodes[id] === show) {
        hidden.nodes[id] = !show;
        nodeChanges.push({ id: id, hidden: !show });
      }
    });
    var edgeChanges = {};
    counts.edges = 0;
    edgeIds.forEach(function (id) {
      var edge = data.edges[id];
      var show = showNodes[edge.subject] && showNodes[edge.object] &&
        state.predicates[edge.predicate] !== false &&
        (edge.belief === null ? 0 : edge.belief) >= state.minBelief - 1e-9 &&
        !(state.hideNegated && edge.negated);
      if (show) { counts.edges += 1; }
      if (!!hidden.edges[id] === show) {
        hidden.edges[id] = !show;
        edgeChanges[id] = { id: id, hidden: !show };
      }
    });
    if (view.large) {
      // Labels only when few edges are visible (see EDGE_LABEL_LIMIT in html.py).
      var wantLabels = counts.edges <= view.edge_label_limit;
      edgeIds.forEach(function (id) {
        var want = wantLabels && !hidden.edges[id];
        if (!!labelled[id] !== want) {
          labelled[id] = want;
          edgeChanges[id] = edgeChanges[id] || { id: id };
          edgeChanges[id].label = want ? data.edges[id].label : "";
        }
      });
    }
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    var edgeList = Object.keys(edgeChanges).map(function (id) { return edgeChanges[id]; });
    if (edgeList.length) { edges.update(edgeList); }
    updateStatus();
  }

  function updateStatus() {
    document.getElementById("kg-visible").textContent = nodeIds.length ?
      "\u2014 showing " + counts.nodes + " of " + nodeIds.length + " concepts and " +
      counts.edges + " of " + edgeIds.length + " claims" : "";
    var notice = document.getElementById("kg-notice");
    var showAll = document.getElementById("kg-show-all");
    if (view.top !== null && !state.focus) {
      notice.classList.remove("kg-hidden");
      document.getElementById("kg-notice-text").textContent = state.limited ?
        "Large graph: showing the " + view.top.length + " concepts with most evidence of " +
        nodeIds.length + "." : "Showing all " + nodeIds.length + " concepts.";
      showAll.textContent = state.limited ? "Show all " + nodeIds.length + " concepts" :
        "Show the top " + view.top.length + " only";
    } else {
      notice.classList.add("kg-hidden");
    }
    var clearFocus = document.getElementById("kg-clear-focus");
    var label = document.getElementById("kg-focus-label");
    if (state.focus) {
      clearFocus.classList.remove("kg-hidden");
      label.textContent = "Focus: " + data.nodes[state.focus].name + " (" + state.focus + "), " +
        state.hops + " hop" + (state.hops === 1 ? "" : "s");
    } else {
      clearFocus.classList.add("kg-hidden");
      label.textContent = "";
    }
  }

  function visibleNodeIds() {
    return nodeIds.filter(function (id) { return !hidden.nodes[id]; });
  }

  function fitVisible() {
    var ids = visibleNodeIds();
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
  }

  function setFocus(id) {
    if (id && !data.nodes[id]) { return false; }
    state.focus = id || null;
    apply();
    fitVisible();
    if (id) { network.selectNodes([id]); showNode(id); }
    return true;
  }

  function selectNode(id) {
    if (!data.nodes[id]) { return false; }
    if (hidden.nodes[id]) { setFocus(id); } else { network.selectNodes([id]); }
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    return showNode(id);
  }

  function selectEdge(id) {
    if (!data.edges[id]) { return false; }
    if (!hidden.edges[id]) { network.selectEdges([id]); }
    return showEdge(id);
  }

  window.kgVisibleCounts = function () { return { nodes: counts.nodes, edges: counts.edges }; };
  window.kgSetFocus = setFocus;
  window.kgSelectNode = selectNode;

  /* ---------------------------------------------------------------- controls */
  Array.prototype.forEach.call(document.querySelectorAll("[data-category]"), function (box) {
    box.addEventListener("change", function () {
      state.categories[box.getAttribute("data-category")] = box.checked;
      apply();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-predicate]"), function (box) {
    box.addEventListener("change", function () {
      state.predicates[box.getAttribute("data-predicate")] = box.checked;
      apply();
    });
  });
  var minBelief = document.getElementById("kg-min-belief");
  minBelief.addEventListener("input", function () {
    state.minBelief = parseFloat(minBelief.value) || 0;
    document.getElementById("kg-min-belief-value").textContent = state.minBelief.toFixed(2);
    apply();
  });
  document.getElementById("kg-hide-negated").addEventListener("change", function (event) {
    state.hideNegated = event.target.checked;
    apply();
  });
  var hopsInput = document.getElementById("kg-hops");
  hopsInput.addEventListener("change", function () {
    var value = parseInt(hopsInput.value, 10);
    state.hops = isNaN(value) || value < 0 ? 0 : value;
    if (state.focus) { apply(); fitVisible(); }
  });
  document.getElementById("kg-clear-focus").addEventListener("click", function () { setFocus(null); });
  document.getElementById("kg-show-all").addEventListener("click", function () {
    state.limited = !state.limited;
    apply();
    fitVisible();
  });

  var search = document.getElementById("kg-search");
  var results = document.getElementById("kg-search-results");
  var searchKeys = nodeIds.map(function (id) {
    var node = data.nodes[id];
    return [id, [id, node.name].concat(node.synonyms).join("\u0000").toLowerCase()];
  });
  function matches(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return []; }
    var found = searchKeys.filter(function (entry) { return entry[1].indexOf(wanted) >= 0; })
      .map(function (entry) { return entry[0]; });
    found.sort(function (a, b) { return data.nodes[b].evidence - data.nodes[a].evidence || (a < b ? -1 : 1); });
    return found.slice(0, 12);
  }
  function showResults() {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    matches(search.value).forEach(function (id) {
      var li = el("li");
      li.appendChild(action(data.nodes[id].name + " (" + id + ")", function () {
        selectNode(id);
        while (results.firstChild) { results.removeChild(results.firstChild); }
      }));
      results.appendChild(li);
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = matches(search.value);
      if (found.length) { selectNode(found[0]); }
    }
  });
  window.kgSearch = matches;

  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    }
  });

  /* ---------------------------------------------------------------- start */
  apply();
  timings.filtered = performance.now();
  function ready() {
    if (!view.large) { network.setOptions({ physics: false }); }
    if (state.focus || state.limited) { fitVisible(); }
    if (state.focus) { network.selectNodes([state.focus]); showNode(state.focus); }
    timings.ready = performance.now();
    window.kgReady = true;
  }
  if (kgNodeData.length === 0) {
    ready();
  } else if (view.large) {
    network.once("afterDrawing", ready);
  } else {
    network.once("stabilizationIterationsDone", ready);
  }
}());
