package gate

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// PolicyChanged returns the gate/policy-changed changes: a custom policy
// file added, removed or changed (by content) in the head. An added or
// changed file is reported at its package line (1:1 when it has none); a
// removed one at the head config's policies: key, or file-level naming the
// removed path when the head has no config.
func PolicyChanged(base, head Side) []Change {
	var paths []string
	for p := range base.Policies {
		paths = append(paths, p)
	}
	for p := range head.Policies {
		if _, ok := base.Policies[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var out []Change
	for _, p := range paths {
		b, inBase := base.Policies[p]
		h, inHead := head.Policies[p]
		switch {
		case !inBase:
			out = append(out, policyChange(p, h, fmt.Sprintf("custom policy file %s added", p)))
		case !inHead:
			out = append(out, removedPolicy(head, p))
		case sha256.Sum256(b) != sha256.Sum256(h):
			out = append(out, policyChange(p, h, fmt.Sprintf("custom policy file %s changed", p)))
		}
	}
	return out
}

func policyChange(file string, data []byte, msg string) Change {
	c := Change{Rule: RulePolicyChanged, Message: msg, File: file, Region: fileStart, FileLevel: true}
	if r, ok := packageLine(data); ok {
		c.Region, c.FileLevel = r, false
	}
	return c
}

func removedPolicy(head Side, file string) Change {
	msg := fmt.Sprintf("custom policy file %s removed: the rules it defined no longer run", file)
	if head.Config == nil {
		return Change{Rule: RulePolicyChanged, Message: msg, File: file, Region: fileStart, FileLevel: true}
	}
	return headConfig{c: head.Config}.change(RulePolicyChanged, inventory.Path{"policies"}, msg)
}

// packageLine finds the Rego package declaration: the first line whose
// first word is package, from that word to the end of the line.
func packageLine(data []byte) (inventory.Region, bool) {
	line := 0
	for len(data) > 0 {
		line++
		text := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			text, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		text = bytes.TrimSuffix(text, []byte("\r"))
		trimmed := bytes.TrimLeft(text, " \t")
		rest, ok := bytes.CutPrefix(trimmed, []byte("package"))
		if !ok || (len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		col := len(text) - len(trimmed) + 1
		end := utf8.RuneCount(text) + 1
		return inventory.Region{Start: inventory.Pos{Line: line, Column: col}, End: inventory.Pos{Line: line, Column: end}}, true
	}
	return inventory.Region{}, false
}
