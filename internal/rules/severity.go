package rules

import "fmt"

// Severity of a rule or finding.
type Severity string

// The three severities, and Never, which only --fail-on accepts.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
	Never   Severity = "never"
)

// Rank orders severities: higher is more severe; unknown is 0.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// ParseSeverity accepts error, warning and info.
func ParseSeverity(s string) (Severity, error) {
	switch sev := Severity(s); sev {
	case Error, Warning, Info:
		return sev, nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// ParseFailOn accepts a severity or never.
func ParseFailOn(s string) (Severity, error) {
	if Severity(s) == Never {
		return Never, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		return "", fmt.Errorf("unknown fail-on level %q (want error, warning, info or never)", s)
	}
	return sev, nil
}

// Fails reports whether a finding of severity s fails a run at level failOn.
func (s Severity) Fails(failOn Severity) bool {
	return failOn != Never && s.Rank() >= failOn.Rank()
}

// Setting is one rule's entry in a config's `rules:`, as plain data:
// whether it runs (nil: as the catalogue says), its severity ("" keeps the
// rule's own) and parameter values over its METADATA defaults.
type Setting struct {
	Enabled  *bool
	Severity Severity
	Params   map[string]any
}
