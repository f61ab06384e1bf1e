package audit

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/internal/frameworks"
)

// ControlTitle is the Annex A title of a control, or "" for a number that
// is not one (a custom policy may map to anything). The titles live in the
// ISO/IEC 27001 catalogue of package frameworks.
func ControlTitle(id string) string { return frameworks.Get(frameworks.ISO27001).Title(id) }

// compareControls orders control numbers numerically, part by part
// (5.9 < 5.14 < 8.2); parts that are not numbers compare as text, after
// numbers.
func compareControls(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		switch {
		case ea == nil && eb == nil:
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
		case ea == nil:
			return -1
		case eb == nil:
			return 1
		default:
			if c := cmp.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

// controlSortKey is a text that sorts like compareControls for numbers up
// to 9999 per part, for the HTML tables' client-side sorting.
func controlSortKey(id string) string {
	parts := strings.Split(id, ".")
	for i, p := range parts {
		if n, err := strconv.Atoi(p); err == nil && n >= 0 && n < 10000 {
			parts[i] = strconv.Itoa(10000 + n)[1:]
		}
	}
	return strings.Join(parts, ".")
}
