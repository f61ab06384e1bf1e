// Package layers holds the tests that keep the module's layering: which
// packages may depend on OPA, and which are leaves; what pkg/ may hold (at
// most four packages, each with a package comment stating its promise, no
// type of internal/ in an exported API) and the exported API itself, in
// testdata/api.txt; and which packages run under the race detector in CI
// (the Makefile's RACE_PKGS); and that no file names a domain the project
// does not control. It has no code.
package layers
