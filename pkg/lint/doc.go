// Package lint runs ifacelint's lint from a Go program and returns what it
// found, writing no output: the findings, their counts, whether the gate
// fails at the fail-on level, and the statement of accepted risk. It also
// lists the rule catalogue (Linter.Rules).
//
// A run is exactly `ifacelint lint`'s: the same preparation (the config,
// the built-in and custom policies, the rule resolution, waivers, the
// baseline), the same sandboxed policy engine with the same limits, and
// the same findings, redacted as every output redacts them. Relative paths
// (Options.ConfigFile, Targets, Policies, Baseline, and the paths of the
// findings) are relative to the process's working directory, and the
// config is looked up from it, as the command does.
//
//	res, err := lint.New(lint.Options{Targets: []string{"inventory"}}).Run(ctx)
//	if err != nil {
//		return err // the command's exit 2: the run could not be evaluated
//	}
//	if res.Fails {
//		// the command's exit 1: an open finding at or above res.FailOn
//	}
//
// The promise: within a major version of the module, New, Linter.Run,
// Linter.Rules and the exported types and fields of this package keep
// their meaning and their signatures; a field's zero value keeps meaning
// what it means today. New fields, methods and functions may be added.
// Run returns an error wherever `ifacelint lint` with the same options
// exits 2 (its outputs aside: Run writes none), and only there; findings
// at or above the fail-on level are Result.Fails, never an error.
//
// Not promised: the text of error messages, finding messages and the
// accepted-risk lines (they are the command's, and name its flags); which
// rules exist, their severities and the findings a given inventory
// produces (they change with the rules, as the command's do). The library
// never ends the process: the command's hard stop, which exits a run whose
// built-in function computes past the time limit, is not armed, so such a
// Run returns only when that call does. Options.MaxMemory bounds the Go
// heap of the whole process, the host program's allocations included, so
// runs at the same time in one process share it.
package lint
