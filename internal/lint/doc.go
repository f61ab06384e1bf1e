// Package lint is the run: load → validate → evaluate → locate → waive →
// sort → baseline. It is the one place where a rule's path becomes a line
// and a column, and where findings are sorted.
//
// It reads files through package inventory and evaluates the rules through
// an Evaluator (evaluator.go), which the engine (package policy) satisfies:
// lint does not depend on the engine nor on OPA, only on the types of
// package ruleeval. It never formats output (package format does).
//
// Read a run top-down, in the order Run calls its stages:
//
//   - run.go: Options, Result and Run, the entry: the walk (walk.go), the
//     engine's compilation, then the two passes and finish;
//   - schedule.go: the two passes (twoPass), whose output is each reported
//     document's findings. The first loads every file a chunk at a time,
//     concurrently (load.go, parallel.go), evaluates what it can, and
//     indexes the files in walk order (index.go: the cross-document index
//     and duplicate ids); documents whose rules read the inventory are
//     deferred to the second, once the index is complete;
//   - files.go: how the passes get a file (fileEvaluator): plainFiles loads
//     and evaluates it; cache.go wraps it with the content cache
//     (cachedFiles), whose entries' binary form is cache_codec.go;
//   - evaluate.go: one document's stages: validate (the schema), evalRules,
//     locate (finding.go: what a finding is and where), waive (waiver.go);
//   - finish.go: gathering, sorting, and the baseline.
package lint
