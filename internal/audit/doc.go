// Package audit turns one lint run into the evidence an ISO/IEC 27001
// auditor asks for (docs/audit-evidence.md): the
// interface register (Annex A 5.9), the control coverage matrix (of ISO/IEC
// 27001 Annex A, or of each framework asked for: Options.Frameworks), the
// third-party register (5.19–5.22), the data-flow diagram (5.14, drawn by
// package graph) and the provenance that ties them to one inventory commit,
// one set of policies and one date. It renders them as a self-contained
// HTML page (html/template; no external resource), Markdown and CSV.
//
// It reads documents through a Collector handed to lint.Options.Collect and
// findings from lint.Run; it never evaluates policies and never writes to
// the inventory. The model holds plain values, credentials redacted
// (textsafe.Plain); each renderer escapes them for its medium: HTML and CSV
// as one printable line (textsafe.Terminal) then html/template or CSV
// quoting, Markdown with textsafe.MarkdownText, the diagram in package graph.
package audit
