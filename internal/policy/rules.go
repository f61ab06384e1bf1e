package policy

import "github.com/ifacelint/ifacelint/internal/rules"

// The catalogue's types live in internal/rules, which does not import OPA,
// so the packages that only describe rules (config, format, graph, audit)
// stay off the engine. These aliases serve the engine's own code and its
// callers (lint, the commands).
type (
	Severity    = rules.Severity
	Rule        = rules.Rule
	Catalogue   = rules.Catalogue
	RuleSetting = rules.Setting
)

// The severities, and Never, which only --fail-on accepts.
const (
	Error   = rules.Error
	Warning = rules.Warning
	Info    = rules.Info
	Never   = rules.Never
)

// The built-in rules the engine names.
const (
	SchemaInvalid   = rules.SchemaInvalid
	UniqueID        = rules.UniqueID
	WaiverUnused    = rules.WaiverUnused
	WaiverExpired   = rules.WaiverExpired
	WaiverInvalid   = rules.WaiverInvalid
	SecretsNoInline = rules.SecretsNoInline
	BaselineInvalid = rules.BaselineInvalid
)

// Functions of internal/rules the engine's callers use.
var (
	Computed      = rules.Computed
	ParseSeverity = rules.ParseSeverity
	ParseFailOn   = rules.ParseFailOn
)
