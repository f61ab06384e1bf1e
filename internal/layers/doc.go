// Package layers holds the test that keeps the module's layering: which
// packages may depend on OPA, and which are leaves. It has no code.
package layers
