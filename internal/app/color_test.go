package app

import "testing"

// Colour follows the flags first, then NO_COLOR as no-color.org defines it
// (set and not empty), then whether the output is a terminal.
func TestColorWanted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		noColor  bool
		color    string
		env      string
		terminal bool
		want     bool
	}{
		{"terminal", false, "auto", "", true, true},
		{"pipe", false, "auto", "", false, false},
		{"NO_COLOR set", false, "auto", "1", true, false},
		{"NO_COLOR empty is not set", false, "auto", "", true, true},
		{"always beats NO_COLOR", false, "always", "1", false, true},
		{"never", false, "never", "", true, false},
		{"--no-color beats always", true, "always", "", true, false},
	}
	for _, tt := range tests {
		got := colorWanted(tt.noColor, tt.color, tt.env, func() bool { return tt.terminal })
		if got != tt.want {
			t.Errorf("%s: colour %v, want %v", tt.name, got, tt.want)
		}
	}
}
