package lint

// Severity is a rule's or a finding's severity, or a fail-on level.
type Severity string

// The severities, most severe first, and Never, a fail-on level only: no
// finding fails the gate.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
	Never   Severity = "never"
)

// Result is what a run found.
type Result struct {
	// Findings are every finding of the run, the waived and baselined ones
	// included (Finding.Waived, Finding.Baselined), sorted by file, line,
	// column, rule and message.
	Findings []Finding
	// Counts are the findings by what became of them.
	Counts Counts
	// FailOn is the level the gate was decided at: Options.FailOn, else
	// the config's failOn, else Error.
	FailOn Severity
	// Fails is set when a finding that is neither waived nor baselined is
	// at or above FailOn: the command's exit 1.
	Fails bool
	// Accepted is the statement of the risk the run accepts, one line
	// each, every line (the command's output shortens it): a fail-on level
	// other than error, rules disabled or downgraded, parameters loosened,
	// files excluded, inventory documents outside the inventory roots,
	// active waivers (one line each when few, else counted in one line:
	// Finding.Waived marks every finding a waiver accepts) and the
	// baseline entries that accepted findings. Nil when the run accepts
	// none.
	Accepted []string
}

// Counts are a run's totals.
type Counts struct {
	Files     int // inventory files read
	Documents int // inventory documents checked
	// Errors, Warnings and Infos count the open findings (neither waived
	// nor baselined) of each severity.
	Errors, Warnings, Infos int
	Waived                  int // findings a waiver accepts
	Baselined               int // findings a baseline entry accepts
	// StaleBaseline counts the baseline's entries that accepted nothing.
	StaleBaseline int
}

// Finding is one problem at one place. Positions are 1-based; a column
// counts characters (Unicode code points) of the line.
type Finding struct {
	Rule     string   // the rule's id, such as transport/tls-required
	Severity Severity // in this run: the config may change a rule's
	Message  string   // redacted as every output redacts it
	File     string   // as the walk named it: relative to the working directory for relative roots
	Line     int
	Column   int
	// EndLine and EndColumn end the region the finding covers: the column
	// after its last character; for a finding about a whole document, the
	// document's end.
	EndLine   int
	EndColumn int
	// Kind and ID are the document's kind and metadata.id; both empty for
	// a finding about a whole file (such as a YAML syntax error).
	Kind string
	ID   string
	// Path is the node the finding is about, in the document, as
	// inventory.Path.String renders it (spec.endpoints[0].url); "" for the
	// document itself or a whole file.
	Path     string
	Controls []string // the rule's ISO/IEC 27001:2022 Annex A controls
	// Waived is set when a waiver accepts the finding, Baselined when a
	// baseline entry does; neither counts against the gate.
	Waived    bool
	Baselined bool
}

// Rule is one entry of the rule catalogue.
type Rule struct {
	ID       string
	Title    string
	Severity Severity // the rule's own, before any config
	// Controls are the rule's ISO/IEC 27001:2022 Annex A controls.
	Controls []string
	// Frameworks are the controls of the other frameworks the rule maps
	// to, by framework key (such as nist-800-53 or soc2); a framework the
	// rule does not declare is absent.
	Frameworks map[string][]string
	// Builtin is set for ifacelint's own rules, unset for custom ones.
	Builtin bool
}
