// Package dates reads the inventory's dates: YYYY-MM-DD as a day number,
// one definition for the Rego built-ins and the waiver decisions. A leaf.
package dates

// Days computes the day number of "YYYY-MM-DD" with Howard Hinnant's
// days_from_civil; a day or month out of range is not rejected (the schema
// checks dates), so 2026-02-30 is 2026-03-02, as the Rego it replaced did.
func Days(s string) (int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	digits := func(t string) (int, bool) {
		n := 0
		for i := range len(t) {
			c := t[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:])
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468, true
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
