// Package lint is the run: inventory → schema → policy → waivers → baseline
// → findings. It is the one place where a rule's path becomes a line and a
// column, and where findings are sorted.
//
// It reads files through package inventory and evaluates through package
// policy; it never formats output (package report does).
package lint
