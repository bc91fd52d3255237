/* il6-kg HTML view: details panel and network set-up.
   All text from papers is inserted with textContent / DOM APIs, never innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var panel = document.getElementById("kg-details");

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

  function conceptLink(curie) {
    var node = data.nodes[curie];
    if (!node) { return el("span", curie); }
    return link(node.name + " (" + curie + ")", node.iri);
  }

  function showNode(id) {
    var node = data.nodes[id];
    if (!node) { return false; }
    clear();
    panel.appendChild(el("h2", node.name));
    panel.appendChild(fields([
      ["CURIE", link(id, node.iri)],
      ["Category", node.category_label + " (" + node.category + ")"],
      ["Grounded", node.grounded ? "yes" : "no (text-mined, not in an ontology)"],
      ["Synonyms", node.synonyms.length ? node.synonyms.join("; ") : "none"],
      ["Mentions", node.mention_count],
      ["Assertions", node.degree]
    ]));
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
    claim.appendChild(conceptLink(edge.subject));
    claim.appendChild(document.createTextNode(" \u2192 " + edge.statement + " \u2192 "));
    claim.appendChild(conceptLink(edge.object));
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
    panel.appendChild(el("h3", "Papers (" + edge.publications.length + ")"));
    var papers = el("ul");
    edge.publications.forEach(function (docId) { papers.appendChild(paperItem(docId)); });
    panel.appendChild(papers);
    panel.appendChild(el("h3", "Evidence (" + edge.evidence.length + ")"));
    var list = el("ul", null, "kg-evidence");
    edge.evidence.forEach(function (ev) {
      var li = el("li");
      li.appendChild(sentence(ev.segments));
      var meta = el("div", null, "kg-meta");
      var paper = data.papers[ev.document_id];
      meta.appendChild(link(ev.document_id, paper ? paper.url : null));
      meta.appendChild(document.createTextNode(
        " \u00b7 " + ev.extractor + " \u00b7 confidence " + ev.confidence));
      if (ev.negated) { meta.appendChild(el("span", "negated", "kg-flag")); }
      if (ev.hedged) { meta.appendChild(el("span", "hedged", "kg-flag")); }
      li.appendChild(meta);
      list.appendChild(li);
    });
    panel.appendChild(list);
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

  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    }
  });

  function ready() {
    network.setOptions({ physics: false });
    window.kgReady = true;
  }
  if (kgNodeData.length === 0) {
    ready();
  } else {
    network.once("stabilizationIterationsDone", ready);
  }
}());
