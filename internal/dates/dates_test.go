package dates

import (
	"testing"
	"time"
)

func TestDays(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"1970-01-01", 0, true},
		{"1970-01-02", 1, true},
		{"1969-12-31", -1, true},
		{"2000-03-01", 11017, true},
		{"2026-06-01", 20605, true},
		{"0000-01-01", -719528, true},
		{"2026-02-30", 20514, true}, // out of range: counted on, as 2026-03-02
		{"2026-6-1", 0, false},
		{"2026-06-01T00:00:00Z", 0, false},
		{"２０２６-06-01", 0, false},
		{"2026-0a-01", 0, false},
		{"+026-06-01", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := Days(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Days(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestDayNumberMatchesTime checks every day of 1600-2400 against the
// standard library's calendar.
func TestDayNumberMatchesTime(t *testing.T) {
	for d := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2400; d = d.AddDate(0, 0, 1) {
		want := int(d.Unix() / 86400) // midnight UTC: exact
		if got, ok := Days(d.Format("2006-01-02")); !ok || got != want {
			t.Fatalf("Days(%s) = %d, %v; want %d", d.Format("2006-01-02"), got, ok, want)
		}
	}
}
