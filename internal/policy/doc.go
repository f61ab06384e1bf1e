// Package policy owns everything OPA: loading the built-in and the user's
// Rego modules, the rule catalogue read from each rule's METADATA, the
// capabilities sandbox, and the prepared query that evaluates documents.
//
// It hands back raw rule results (rule id, message, path); turning a path into
// a line and column is package lint's job.
package policy
