// Package graph owns the data-flow diagram of an interface inventory:
// systems, interfaces and third parties placed in trust zones (internet,
// partner, internal), with edges styled by the worst open finding of the
// interface that carries them. It builds the model (graph.go) and renders
// it as Mermaid (mermaid.go), Graphviz DOT (dot.go) and self-contained
// inline SVG for the HTML report (svg.go).
//
// The model is described for users in docs/audit-evidence.md. The package
// knows nothing of YAML documents or findings: its caller (package audit)
// hands it one Interface per inventory interface, already summarised.
// Every string it renders comes from the inventory and is escaped for the
// format at hand; nothing it writes references an external resource.
package graph
