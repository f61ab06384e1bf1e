package graph

import (
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// Style is how one severity is drawn. Colour alone must not carry the
// meaning (printed in black and white, or read by someone colour-blind),
// so each severity also has its own line width and dash pattern.
type Style struct {
	Name   string  // class name: error, warning, info, none
	Label  string  // legend text
	Colour string  // #rrggbb
	Width  float64 // line width in pixels
	Dash   string  // SVG stroke-dasharray; "" is solid
	DOT    string  // Graphviz edge style
}

var styles = map[rules.Severity]Style{
	rules.Error:   {Name: "error", Label: "open error", Colour: "#b42318", Width: 2.5, DOT: "bold"},
	rules.Warning: {Name: "warning", Label: "open warning", Colour: "#b54708", Width: 2, Dash: "7 4", DOT: "dashed"},
	rules.Info:    {Name: "info", Label: "open info", Colour: "#175cd3", Width: 1.5, Dash: "2 3", DOT: "dotted"},
	"":            {Name: "none", Label: "no open finding", Colour: "#667085", Width: 1.2, DOT: "solid"},
}

// Styles lists the severity styles from the most severe, for legends.
func Styles() []Style {
	return []Style{styles[rules.Error], styles[rules.Warning], styles[rules.Info], styles[""]}
}

// StyleOf returns the style of a severity ("" for no open finding).
func StyleOf(s rules.Severity) Style {
	if st, ok := styles[s]; ok {
		return st
	}
	return styles[""]
}

// clean makes inventory text printable: control characters and
// bidirectional overrides become visible escapes and cannot reorder or
// break a label.
func clean(s string) string { return textsafe.Terminal(s) }
