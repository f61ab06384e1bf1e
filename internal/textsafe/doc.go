// Package textsafe is the output-safety layer, a leaf every output uses.
// Every writer of every command passes text that comes from the inventory,
// a file name or a policy through it:
//
//   - Plain redacts credentials (credential.Redact): the value any output
//     may hold, not yet escaped for a medium. The audit evidence model holds
//     plain values.
//   - Terminal is Plain made safe for one line of a terminal or log:
//     control characters, bidirectional controls and invalid UTF-8 become
//     visible escapes. Text-ish formats, error messages and notices use it.
//   - Printable escapes like Terminal without redacting: for rule METADATA,
//     which is policy text and holds no inventory value.
//   - Medium escapers build on Terminal: MarkdownText, githubData and
//     githubProperty, xmlText; encoding/json, html/template and encoding/csv
//     quote for JSON, HTML and CSV, and JSONSafe keeps what encoding/json
//     leaves raw off a terminal. internal/graph adds Mermaid, DOT and SVG.
//
// It is a leaf: it knows the credential patterns and nothing else of the
// module.
package textsafe
