package policy

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// reviewedBuiltins are the built-ins of the OPA version in go.mod (and
// ifacelint's own) that policies keep, each reviewed for file, network,
// environment and clock access and for non-determinism
// (docs/custom-policies.md, "The sandbox"). A new OPA version that adds a
// built-in fails TestEveryBuiltinReviewed until it is reviewed and listed
// here or in Forbidden.
var reviewedBuiltins = strings.Fields(`
abs all and any array.concat array.flatten array.reverse array.slice assign
base64.decode base64.encode base64.is_valid base64url.decode base64url.encode
base64url.encode_no_pad bits.and bits.lsh bits.negate bits.or bits.rsh bits.xor
cast_array cast_boolean cast_null cast_object cast_set cast_string ceil concat
contains count crypto.hmac.equal crypto.hmac.md5 crypto.hmac.sha1
crypto.hmac.sha256 crypto.hmac.sha512 crypto.md5 crypto.parse_private_keys
crypto.sha1 crypto.sha256 crypto.x509.parse_certificate_request
crypto.x509.parse_certificates crypto.x509.parse_keypair
crypto.x509.parse_rsa_private_key div endswith eq equal floor format_int
glob.match glob.quote_meta graph.reachable graph.reachable_paths
graphql.is_valid graphql.parse graphql.parse_and_verify graphql.parse_query
graphql.parse_schema graphql.schema_is_valid gt gte hex.decode hex.encode
ifacelint.day_number ifacelint.evaluating ifacelint.inline_credentials ifacelint.missing ifacelint.openapi indexof
indexof_n internal.member_2 internal.member_3 internal.print
internal.template_string internal.test_case intersection io.jwt.decode
io.jwt.decode_verify io.jwt.verify_eddsa io.jwt.verify_es256
io.jwt.verify_es384 io.jwt.verify_es512 io.jwt.verify_hs256
io.jwt.verify_hs384 io.jwt.verify_hs512 io.jwt.verify_ps256
io.jwt.verify_ps384 io.jwt.verify_ps512 io.jwt.verify_rs256
io.jwt.verify_rs384 io.jwt.verify_rs512 is_array is_boolean is_null is_number
is_object is_set is_string json.filter json.is_valid json.marshal
json.marshal_with_options json.match_schema json.patch json.remove
json.unmarshal json.verify_schema lower lt lte max min minus mul neq
net.cidr_contains net.cidr_contains_matches net.cidr_expand net.cidr_intersects
net.cidr_is_valid net.cidr_merge net.cidr_overlap numbers.range
numbers.range_step object.filter object.get object.keys object.remove
object.subset object.union object.union_n or plus print product
providers.aws.sign_req re_match regex.find_all_string_submatch_n regex.find_n
regex.globs_match regex.is_valid regex.match regex.replace regex.split
regex.template_match rego.metadata.chain rego.metadata.rule rego.parse_module
rem replace round semver.compare semver.is_valid set_diff sort split sprintf
startswith strings.any_prefix_match strings.any_suffix_match strings.count
strings.replace_n strings.reverse strings.split_n
substring sum time.add_date time.clock time.date time.diff time.format
time.now_ns time.parse_duration_ns time.parse_ns time.parse_rfc3339_ns
time.weekday to_number trace trim trim_left trim_prefix trim_right trim_space
trim_suffix type_name union units.parse units.parse_bytes upper uri.is_valid
uri.parse urlquery.decode urlquery.decode_object urlquery.encode
urlquery.encode_object uuid.parse walk yaml.is_valid yaml.marshal
yaml.unmarshal`)

func TestEveryBuiltinReviewed(t *testing.T) {
	t.Parallel()
	kept := map[string]bool{}
	for _, name := range reviewedBuiltins {
		kept[name] = true
	}
	var unreviewed []string
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		_, forbidden := Forbidden[b.Name]
		if !forbidden && !kept[b.Name] {
			unreviewed = append(unreviewed, b.Name)
		}
	}
	sort.Strings(unreviewed)
	if len(unreviewed) > 0 {
		t.Errorf("built-ins not reviewed for the sandbox (list them in reviewedBuiltins or Forbidden, and in docs/custom-policies.md): %s", strings.Join(unreviewed, " "))
	}
	for _, b := range Capabilities().Builtins {
		if _, forbidden := Forbidden[b.Name]; forbidden {
			t.Errorf("Capabilities() still holds %s", b.Name)
		}
	}
	if len(Capabilities().AllowNet) != 0 {
		t.Error("Capabilities() allows a network host")
	}
	doc, err := os.ReadFile("../../docs/custom-policies.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range Forbidden {
		if !strings.Contains(string(doc), "`"+name+"`") {
			t.Errorf("docs/custom-policies.md does not list the removed built-in %s", name)
		}
	}
}

// A policy calling a removed built-in does not compile.
func TestForbiddenBuiltinsDoNotCompile(t *testing.T) {
	t.Parallel()
	calls := map[string]string{
		"rand.intn":              `rand.intn("x", 10) > 5`,
		"uuid.rfc4122":           `uuid.rfc4122("x") != ""`,
		"io.jwt.encode_sign":     `io.jwt.encode_sign({"alg": "HS256"}, {}, {"kty": "oct", "k": "eA"}) != ""`,
		"io.jwt.encode_sign_raw": `io.jwt.encode_sign_raw("{}", "{}", "{}") != ""`,
		"crypto.x509.parse_and_verify_certificates":              `crypto.x509.parse_and_verify_certificates("x")`,
		"crypto.x509.parse_and_verify_certificates_with_options": `crypto.x509.parse_and_verify_certificates_with_options("x", {})`,
		"http.send":               `http.send({"method": "get", "url": "http://example.com"})`,
		"net.lookup_ip_addr":      `net.lookup_ip_addr("example.com")`,
		"opa.runtime":             `opa.runtime().env.HOME`,
		"strings.render_template": `strings.render_template("{{.a}}", {"a": 1}) != ""`,
	}
	if len(calls) != len(Forbidden) {
		t.Fatalf("test %d forbidden built-ins, Forbidden lists %d", len(calls), len(Forbidden))
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := engineFor(t, "package ifacelint.rules.custom.rule\n\ndeny contains \"x\" if "+call+"\n")
			if err == nil || !strings.Contains(err.Error(), "undefined function "+name+" (not allowed in ifacelint's sandbox: "+Forbidden[name]+")") {
				t.Fatalf("err = %v, want undefined function %s, not allowed", err, name)
			}
		})
	}
}

// time.now_ns is the evaluation date, never the wall clock.
func TestNowIsTheEvaluationDate(t *testing.T) {
	t.Parallel()
	srcs := []Source{{Name: "custom/rule.rego", Text: "package ifacelint.rules.custom.rule\n\ndeny contains sprintf(\"%d\", [time.now_ns()]) if true\n"}}
	mods, err := Parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := NewCatalogue(mods, false)
	now := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	opts := allRules(t, mods, cat)
	opts.Now = now
	e, err := NewEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Eval(context.Background(), map[string]any{}, true)
	if err != nil || len(got) != 1 || got[0].Message != "1577923200000000000" {
		t.Fatalf("got %v, %v; want time.now_ns() = %d", got, err, now.UnixNano())
	}
}

// JSON Schema references resolve only inside the schema: a $ref to a file
// or a URL, or a base URI, is an error before anything is read.
func TestSchemaRefsStayInside(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.json")
	if err := os.WriteFile(secret, []byte(`{"type": "string", "title": "TOPSECRET"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		call string
		want string // "" : no error
	}{
		"file ref":         {`json.match_schema({}, {"$ref": "file://` + secret + `"})`, `$ref "file://`},
		"file ref as text": {`json.verify_schema(json.marshal({"$ref": "file://` + secret + `"}))`, `$ref "file://`},
		"dev zero":         {`json.verify_schema({"$ref": "file:///dev/zero"})`, `$ref "file:///dev/zero"`},
		"relative":         {`json.verify_schema({"properties": {"a": {"$ref": "other.json"}}})`, `$ref "other.json"`},
		"url":              {`json.match_schema({}, {"$ref": "http://169.254.169.254/latest"})`, `$ref "http://169.254.169.254/latest"`},
		"base uri":         {`json.verify_schema({"$id": "file:///etc/", "$ref": "#"})`, "may not set a base URI"},
		"schema file":      {`json.verify_schema({"$schema": "file:///etc/passwd"})`, "only the json-schema.org drafts"},
		"inside":           {`json.match_schema({"a": "x"}, {"definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s"}}})`, ""},
		"draft":            {`json.verify_schema({"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"})`, ""},
		"data named id":    {`json.match_schema({"id": "x"}, {"properties": {"id": {"type": "string"}}, "default": {"$ref": "x", "id": "y"}})`, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, err := engineFor(t, "package ifacelint.rules.custom.rule\n\ndeny contains sprintf(\"%v\", [r]) if r := "+tc.call+"\n")
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.Eval(context.Background(), map[string]any{}, true)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "TOPSECRET") {
				t.Fatalf("got %v, err = %v; want an error containing %q", got, err, tc.want)
			}
		})
	}
}

// A deny that is not a set when evaluated is an error naming the rule and
// the document, never no findings.
func TestDenyMustBeASet(t *testing.T) {
	t.Parallel()
	doc := map[string]any{"kind": "Interface", "metadata": map[string]any{"id": "card-api", "name": "Card API", "n": 3}}
	tests := map[string]struct{ body, want string }{
		"string":    {`deny := input.metadata.name`, `rule custom/rule: deny is a string "Card API", not a set of findings (strings or {msg, path} objects), evaluating Interface "card-api"`},
		"number":    {`deny := input.metadata.n`, `deny is a number 3, not a set`},
		"object":    {`deny := {"a": "finding"}`, `deny is an object {"a":"finding"}, not a set`},
		"array":     {`deny := ["finding"]`, `deny is an array ["finding"], not a set`},
		"boolean":   {`deny := true`, `deny is a boolean true`},
		"undefined": {`deny := input.metadata.missing`, `deny is undefined`},
		"ref head":  {`deny.x contains "finding" if true`, `deny is an object`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, err := engineFor(t, "package ifacelint.rules.custom.rule\n\n"+tc.body+"\n")
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.Eval(context.Background(), doc, true)
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, err = %v; want a PolicyError containing %q", got, err, tc.want)
			}
		})
	}
}

// Past the memory limit, evaluation stops within seconds with an error
// naming the rule and the document.
func TestMemoryLimit(t *testing.T) {
	t.Parallel()
	srcs := []Source{
		{Name: "custom/bomb.rego", Text: "package ifacelint.rules.custom.bomb\n\ndeny contains x if {\n\tx := concat(\"\", [s | some i in numbers.range(1, 100000000); s := \"aaaaaaaaaa\"])\n}\n"},
		{Name: "custom/fine.rego", Text: "package ifacelint.rules.custom.fine\n\ndeny contains \"fine\" if true\n"},
		// Evaluated before the bomb: the rule named is the one that went past
		// the limit, not the first.
		{Name: "custom/alpha.rego", Text: "package ifacelint.rules.custom.alpha\n\ndeny contains \"alpha\" if true\n"},
	}
	mods, err := Parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := NewCatalogue(mods, false)
	opts := allRules(t, mods, cat)
	opts.Now, opts.MaxMemory = time.Now(), 64<<20
	e, err := NewEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// The bound is the context, not a clock reading: without the memory
	// guard the bomb runs on (gigabytes, minutes) until the context ends it,
	// and the error is then the context's, not a MemoryError. A wall-clock
	// assertion shorter than that failed under -race on a loaded runner.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err = e.Eval(ctx, map[string]any{"kind": "Interface", "metadata": map[string]any{"id": "x"}}, true)
	var me *MemoryError
	if !errors.As(err, &me) || me.Rule != "custom/bomb" || !strings.Contains(err.Error(), `rule custom/bomb: evaluating Interface "x" went past the memory limit of 64 MiB`) {
		t.Fatalf("err = %v, want a MemoryError naming custom/bomb", err)
	}
}

// The engine's marker built-in is harmless from a policy, whatever its
// arguments.
func TestEvaluatingFromAPolicy(t *testing.T) {
	t.Parallel()
	e, err := engineFor(t, "package ifacelint.rules.custom.rule\n\ndeny contains \"x\" if {\n\tx := input.metadata.name\n\tifacelint.evaluating(\"guess\", x)\n}\n")
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Eval(context.Background(), map[string]any{"metadata": map[string]any{"name": "not a number"}}, true)
	if err != nil || len(got) != 1 {
		t.Fatalf("got %v, %v", got, err)
	}
}

// An evaluation the memory guard cancelled that goes on growing (a
// built-in that does not see the cancellation) ends the run through Abort,
// with the error that names it, once the heap is twice the limit.
func TestMemoryGuardAbortsWhatDoesNotStop(t *testing.T) {
	t.Parallel()
	g := newMemoryGuard(32 << 20)
	aborted := make(chan error, 1)
	g.abort = func(err error) { aborted <- err }
	what := func() error { return &MemoryError{Rule: "custom/grow", Doc: `Interface "x"`, Limit: g.limit} }
	var held [][]byte
	_, err := g.run(context.Background(), what, func(ctx context.Context) ([]Finding, error) {
		// 128 MiB, held (twice the limit and more) until aborted.
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
			select {
			case err := <-aborted:
				aborted <- err
				return nil, nil
			default:
			}
			if len(held) < 128 {
				b := make([]byte, 1<<20)
				for j := 0; j < len(b); j += 4096 {
					b[j] = 1
				}
				held = append(held, b)
			}
			time.Sleep(time.Millisecond)
		}
		return nil, nil
	})
	held = nil
	select {
	case got := <-aborted:
		if !strings.Contains(got.Error(), `rule custom/grow: evaluating Interface "x" went past the memory limit of 32 MiB`) {
			t.Errorf("aborted with %v", got)
		}
	default:
		t.Fatalf("not aborted; run returned %v", err)
	}
}
