// Package lint is the run: inventory → schema → policy → waivers → baseline
// → findings. It is the one place where a rule's path becomes a line and a
// column, and where findings are sorted.
//
// It reads files through package inventory and evaluates through package
// policy; it never formats output (package format does).
//
// The files follow the run's stages, in the order Run calls them:
//
//   - run.go: Options, Result and Run, the entry;
//   - walk.go: the inventory and target files, and which are reported on;
//   - load.go: loading files a chunk at a time, concurrently (parallel.go);
//   - index.go: the first pass, which loads, evaluates and indexes every
//     file, and the cross-document index it builds;
//   - evaluate.go: one document's findings: schema, then the rules, then
//     its waivers (waiver.go); finding.go: what a finding is and where;
//   - deferred.go: the second pass, for the documents whose rules read the
//     complete index;
//   - finish.go: gathering, sorting, and the baseline.
package lint
