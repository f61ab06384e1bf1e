package policy

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// ControlPattern is what an entry of METADATA custom.controls must match: an
// ISO/IEC 27001:2022 Annex A control id such as "5.9" or "8.24" (a 2013-style
// three-part id such as "12.4.1" is accepted too), written as a string.
var ControlPattern = regexp.MustCompile(`^[0-9]{1,2}(\.[0-9]{1,3}){1,2}$`)

// Limits on the METADATA text of a custom rule, in characters.
const (
	MaxTitleLen   = 200   // title: one line
	MaxTextLen    = 4000  // description, remediation, trigger
	MaxExampleLen = 20000 // examples.fail, examples.pass
	MaxControls   = 50    // entries of controls
)

// checkMetadata validates the METADATA of custom modules: it is shown by
// `rules`, `explain`, every output format and the reports, so it must be
// plain text of a bounded size. Control ids match ControlPattern. Every
// violation is a policy error at the METADATA block's file:line:col. The
// frameworks the config defines (user) may be named in custom.frameworks
// like the built-in ones.
func checkMetadata(mods []*ast.Module, user ...*frameworks.Framework) error {
	var errs ast.Errors
	for _, m := range mods {
		for _, a := range m.Annotations {
			errs = append(errs, checkAnnotation(a, user...)...)
		}
	}
	if len(errs) > 0 {
		return &PolicyError{fmt.Errorf("invalid METADATA:\n%s", FormatError(errs))}
	}
	return nil
}

func checkAnnotation(a *ast.Annotations, user ...*frameworks.Framework) ast.Errors {
	var errs ast.Errors
	bad := func(format string, args ...any) {
		errs = append(errs, &ast.Error{Code: "ifacelint_metadata_error", Message: fmt.Sprintf(format, args...), Location: a.Location})
	}
	text := func(field, s string, limit int, multiline bool) {
		if msg := plainText(s, limit, multiline); msg != "" {
			bad("%s %s", field, msg)
		}
	}
	text("title", a.Title, MaxTitleLen, false)
	text("description", a.Description, MaxTextLen, true)
	c := a.Custom
	for _, field := range []string{"remediation", "trigger"} {
		v, ok := c[field]
		if !ok {
			continue
		}
		s, isStr := v.(string)
		if !isStr {
			bad("custom.%s must be text", field)
			continue
		}
		text("custom."+field, s, MaxTextLen, true)
	}
	if v, ok := c["examples"]; ok {
		ex, isMap := v.(map[string]any)
		if !isMap {
			bad("custom.examples must be a mapping with fail and pass")
		}
		for _, k := range []string{"fail", "pass", "apiSpec", "base"} {
			x, ok := ex[k]
			if !ok {
				continue
			}
			s, isStr := x.(string)
			if !isStr {
				bad("custom.examples.%s must be text", k)
				continue
			}
			text("custom.examples."+k, s, MaxExampleLen, true)
		}
	}
	if v, ok := c["controls"]; ok {
		list, isList := v.([]any)
		switch {
		case !isList:
			bad(`custom.controls must be a list of control ids such as ["5.9", "8.24"]`)
		case len(list) > MaxControls:
			bad("custom.controls holds %d entries, at most %d are allowed", len(list), MaxControls)
		}
		for _, x := range list {
			s, isStr := x.(string)
			if !isStr {
				bad("custom.controls: %v is not a string: write control ids quoted (\"8.10\", not 8.10)", quoteLimited(fmt.Sprint(x)))
				continue
			}
			if !ControlPattern.MatchString(s) {
				bad("custom.controls: %s is not a control id (an ISO/IEC 27001:2022 Annex A id such as \"5.9\" or \"8.24\")", quoteLimited(s))
			}
		}
	}
	if v, ok := c["frameworks"]; ok {
		_, hasControls := c["controls"]
		checkFrameworks(v, hasControls, bad, user)
	}
	if v, ok := c["kinds"]; ok {
		if _, err := parseKinds(v); err != nil {
			bad("custom.kinds: %s", err)
		}
	}
	return errs
}

// DocumentKinds are the kinds of document a rule may apply to.
var DocumentKinds = rules.DocumentKinds

// parseKinds reads METADATA custom.kinds: a non-empty list of document
// kinds, each once.
func parseKinds(v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, errors.New(`want a list of document kinds, such as [Interface]`)
	}
	var out []string
	for _, x := range list {
		k, _ := x.(string)
		if !slices.Contains(DocumentKinds, k) {
			return nil, fmt.Errorf("%s is not a document kind (Interface, ThirdParty or System)", quoteLimited(fmt.Sprint(x)))
		}
		if slices.Contains(out, k) {
			return nil, fmt.Errorf("%s is listed twice", k)
		}
		out = append(out, k)
	}
	return out, nil
}

// checkFrameworks validates custom.frameworks: a mapping from a framework
// key (or an alias: iso27001 is iso-27001) to a list of control ids, each in
// that framework's catalogue. ISO/IEC 27001:2022 controls are written in
// custom.controls or under iso-27001 here, in one place only.
func checkFrameworks(v any, hasControls bool, bad func(format string, args ...any), user []*frameworks.Framework) {
	fw, isMap := v.(map[string]any)
	if !isMap {
		bad(`custom.frameworks must be a mapping of framework to control ids, such as {soc2: ["CC6.1"], nist-800-53: ["IA-2(1)"]}`)
		return
	}
	keys := make([]string, 0, len(fw))
	for k := range fw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	spelt := map[string]string{} // framework key → the spelling met first
	for _, key := range keys {
		f := frameworks.Get(key)
		for _, u := range user {
			if f == nil && u.Key == key {
				f = u
			}
		}
		if f == nil {
			known := frameworks.KeyList()
			for _, u := range user {
				known += ", " + u.Key
			}
			bad("custom.frameworks: unknown framework %s (want %s)", quoteLimited(key), known)
			continue
		}
		if other, dup := spelt[f.Key]; dup {
			bad("custom.frameworks: %s and %s are the same framework: write it once, as %s", other, key, f.Key)
			continue
		}
		spelt[f.Key] = key
		if f.Key == frameworks.ISO27001 && hasControls {
			bad("custom.frameworks.%s: custom.controls holds the ISO/IEC 27001:2022 controls already: write them in one place", key)
			continue
		}
		list, isList := fw[key].([]any)
		switch {
		case !isList:
			bad("custom.frameworks.%s must be a list of %s control ids such as [%q]", key, f.Short, f.Controls[0].ID)
		case len(list) > MaxControls:
			bad("custom.frameworks.%s holds %d entries, at most %d are allowed", key, len(list), MaxControls)
		}
		for _, x := range list {
			s, isStr := x.(string)
			switch {
			case !isStr:
				bad("custom.frameworks.%s: %v is not a string: write control ids quoted", key, quoteLimited(fmt.Sprint(x)))
			case !f.Has(s) && f.User:
				bad("custom.frameworks.%s: %s is not a control of %s (catalogue %s)%s",
					key, quoteLimited(s), f.Name, f.Source, nearControl(f, s))
			case !f.Has(s):
				bad("custom.frameworks.%s: %s is not a control of %s (catalogue internal/frameworks/catalogues/%s.json)%s",
					key, quoteLimited(s), f.Name, f.Key, nearControl(f, s))
			}
		}
	}
}

// nearControl suggests the catalogue id a mistyped one meant, when they
// differ only in case and spaces ("ia-2 (1)" for "IA-2(1)").
func nearControl(f *frameworks.Framework, s string) string {
	norm := func(x string) string { return strings.ToUpper(strings.ReplaceAll(x, " ", "")) }
	for _, c := range f.Controls {
		if norm(c.ID) == norm(s) {
			return fmt.Sprintf("; did you mean %q?", c.ID)
		}
	}
	return ""
}

// plainText returns why s is not plain text, or "": valid UTF-8, at most
// limit characters, no control character (newline and tab only in
// multi-line fields) and no bidirectional-text control.
func plainText(s string, limit int, multiline bool) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Sprintf("is %d characters long, at most %d are allowed", n, limit)
	}
	for i, r := range s {
		switch {
		case (r == '\n' || r == '\t') && multiline:
		case r == '\r' && multiline && i+1 < len(s) && s[i+1] == '\n': // a CRLF file
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return fmt.Sprintf("holds the control character U+%04X: METADATA text must be plain text", r)
		case isBidiControl(r):
			return fmt.Sprintf("holds the bidirectional-text control U+%04X: METADATA text must be plain text", r)
		}
	}
	return ""
}

// isBidiControl reports the characters that reorder text on screen (the
// "Trojan Source" characters) and the invisible direction marks.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// quoteLimited quotes s for a message, escaping what is not printable and
// cutting it short.
func quoteLimited(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%+q", s)
}
