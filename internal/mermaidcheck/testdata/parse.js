// Parses and renders every diagram of DIAGRAMS (set by diagrams.js) with the
// mermaid bundle loaded before this script, then writes one result per
// diagram as JSON into <pre id="out">: the diagram type, and what mermaid
// made of the text (nodes with their labels as rendered, edges, subgraphs),
// or mermaid's error. Loaded by internal/mermaidcheck in headless Chromium.
(async () => {
  // No size limit: past maxTextSize mermaid renders an error diagram in
  // place of the real one, and the tests read whole diagrams whatever their
  // size (a host's own limits are graph.MermaidEmbeddable's business).
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", maxTextSize: 1e9, maxEdges: 1e6 });
  const out = [];
  for (const [i, src] of DIAGRAMS.entries()) {
    try {
      const parsed = await mermaid.parse(src);
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(src);
      const db = diagram.db;
      const id = "d" + i;
      const { svg } = await mermaid.render(id, src);
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      // A node's element id is <render id>-flowchart-<node id>-<counter>.
      const labels = {};
      for (const g of doc.querySelectorAll("g.node")) {
        const m = g.id.match(new RegExp("^" + id + "-flowchart-(.*)-[0-9]+$"));
        labels[m ? m[1] : g.id] = g.textContent;
      }
      out.push({
        type: parsed.diagramType,
        nodes: [...db.getVertices().keys()],
        labels,
        edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, type: e.type, stroke: e.stroke })),
        subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: s.nodes })),
      });
    } catch (e) {
      out.push({ error: String((e && e.message) || e) });
    }
    document.querySelectorAll("body > div, body > svg").forEach((n) => n.remove());
  }
  document.getElementById("out").textContent = JSON.stringify(out);
})();
