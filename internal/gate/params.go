package gate

import (
	"encoding/json"
	"strings"
)

// direction says which way a numeric parameter is looser.
type direction int

const (
	unknown direction = iota
	raised            // a higher value lets more through
	lowered           // a lower value lets more through
	// raisedOrNegative: a higher value lets more through, and a negative
	// one means no limit at all (waiver/invalid's maxDays).
	raisedOrNegative
	// required: a list of names every one of which is required
	// (monitoring/alerts' alert kinds); dropping a name lets more through.
	required
)

// directions are the built-in rules' numeric parameters and the way each is
// looser, decided from what each rule does with it (policies/**/*.rego):
// a maximum age or period is looser when raised, a minimum retention or
// notice period when lowered. waiver/invalid's maxDays is read by the engine, where a negative
// value (or none) means waivers may run for ever. A parameter not listed
// here (a custom rule's) follows the convention the accepted-risk statement
// relies on — max… looser when raised, min… when lowered — and any other
// change is reported for review.
var directions = map[string]direction{
	"availability/rate-limited.maxRequestsPerMinute": raised,
	"errors/handling-declared.exposures":             required,
	"inventory/date-in-future.maxDaysAhead":          raised,
	"lifecycle/deprecation-notice.minNoticeDays":     lowered,
	"logging/retention.minDays":                      lowered,
	"monitoring/alerts.externalKinds":                required,
	"monitoring/alerts.privilegedKinds":              required,
	"logging/retention.restrictedMinDays":            lowered,
	"ownership/review-current.maxAgeDays":            raised,
	"secrets/rotation.maxDays":                       raised,
	"session/timeout.maxMinutes":                     raised,
	"testing/pentest-current.maxAgeDays":             raised,
	"third-party/assessment-current.maxAgeDays":      raised,
	"third-party/assurance-current.maxAgeDays":       raised,
	"third-party/breach-notification.maxHours":       raised,
	"third-party/review-due.minNoticeDays":           lowered,
	"waiver/invalid.maxDays":                         raisedOrNegative,
}

// directionOf is the way a parameter is looser: from Directions, else
// from its name.
func directionOf(rule, param string) direction {
	if d, ok := directions[rule+"."+param]; ok {
		return d
	}
	lower := strings.ToLower(param)
	switch {
	case strings.HasPrefix(lower, "max"):
		return raised
	case strings.HasPrefix(lower, "min") || strings.Contains(lower, "min"):
		return lowered
	}
	return unknown
}

// Decided reports whether a parameter's direction is decided for that rule
// (a built-in rule's, listed here) rather than told from its name.
func Decided(rule, param string) bool {
	_, ok := directions[rule+"."+param]
	return ok
}

// Direction describes in words which way a parameter is looser; "" when
// that is not known.
func Direction(rule, param string) string {
	switch directionOf(rule, param) {
	case raised:
		return "higher is looser"
	case lowered:
		return "lower is looser"
	case raisedOrNegative:
		return "higher is looser, and a negative value means no limit"
	case required:
		return "a name left out is looser"
	}
	return ""
}

// Loosened reports whether a parameter going from base to head lets more
// through, and whether that can be told: both values numbers and the
// direction known.
func Loosened(rule, param string, base, head any) (looser, known bool) {
	d := directionOf(rule, param)
	if d == unknown {
		return false, false
	}
	if d == required {
		return dropped(base, head)
	}
	b, ok1 := number(base)
	h, ok2 := number(head)
	if !ok1 || !ok2 {
		return false, false
	}
	switch d {
	case raisedOrNegative:
		switch {
		case h < 0:
			return b >= 0, true
		case b < 0:
			return false, true
		}
		return h > b, true
	case raised:
		return h > b, true
	}
	return h < b, true
}

// dropped reports whether the list head lacks a name of the list base, and
// whether that can be told (both lists of strings).
func dropped(base, head any) (looser, known bool) {
	b, ok1 := names(base)
	h, ok2 := names(head)
	if !ok1 || !ok2 {
		return false, false
	}
	for n := range b {
		if !h[n] {
			return true, true
		}
	}
	return false, true
}

func names(v any) (map[string]bool, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := map[string]bool{}
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out[s] = true
	}
	return out, true
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}
