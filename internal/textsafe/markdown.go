package textsafe

import (
	"fmt"
	"strings"
)

// MarkdownText makes a string render as itself in GitHub- or GitLab-flavoured
// Markdown, inside or outside a table cell:
//   - control characters, line breaks and bidirectional overrides become
//     visible escapes (Terminal), so a string stays on its table row;
//   - characters with a Markdown or HTML meaning become numeric character
//     references: entities are plain text to the parser, so `|` cannot end
//     a cell, `<` cannot open a tag, `[`, `*`, backtick, `~`, `$` cannot start
//     a link, emphasis, code, strike-through or math, `{`/`}` cannot start
//     GitLab's inline diff, and with `:` and the dot of `www.` encoded the
//     autolink extension finds no URL;
//   - a word joiner (U+2060) follows `@` and `#`: GitHub links mentions and
//     issue references after rendering, on the decoded text, so encoding
//     alone would still let `@org/team` notify a team.
func MarkdownText(s string) string { return MarkdownEscape(Terminal(s)) }

// MarkdownEscape is MarkdownText's escaping of printable text.
func MarkdownEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '~', '[', ']', '(', ')', '<', '>', '&', '|', '!', '$', ':', '{', '}':
			fmt.Fprintf(&b, "&#%d;", c)
		case '@', '#':
			fmt.Fprintf(&b, "&#%d;\u2060", c)
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				fmt.Fprintf(&b, "&#%d;", c)
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
