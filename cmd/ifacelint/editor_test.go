package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/tooltest"
)

// languageServer is the yaml-language-server that testdata/editor pins
// (package.json and package-lock.json; .ci/run installs it with npm ci).
const languageServer = "../../testdata/editor/node_modules/yaml-language-server/bin/yaml-language-server"

// TestEditorValidatesInventory drives the real YAML language server over
// LSP, as an editor does, in a project `ifacelint init` set up: with the
// settings init wrote, a document four folders down that validate accepts
// (id: 0042, minVersion: 1.2, an empty description) has no diagnostic, and
// an invalid one has each at its line. With the strict schema in the same
// place, the valid document is flagged: what the editor schema is for.
//
// A tool test (internal/tooltest): with the tool tests on, a missing node
// or language server fails it; `make test` skips it.
func TestEditorValidatesInventory(t *testing.T) {
	node := needLanguageServer(t)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", "--dir", dir}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr.String())
	}
	valid := filepath.Join(dir, "inventory", "teams", "payments", "settlement", "ledger-api.yaml")
	invalid := filepath.Join(dir, "inventory", "teams", "support", "broken.yml")
	writeFile(t, valid, validForEditor)
	writeFile(t, invalid, invalidForEditor)

	// validate agrees: the first is valid, the second has findings at the
	// lines the editor must show.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"validate", "--config", filepath.Join(dir, ".ifacelint.yaml"), valid}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("validate %s: exit %d:\n%s%s", valid, code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"validate", "-f", "json", "--config", filepath.Join(dir, ".ifacelint.yaml"), invalid}, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Fatalf("validate %s: exit %d, want 1", invalid, code)
	}
	var report struct {
		Findings []struct{ Line int }
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatal(err)
	}
	validateLines := map[int]bool{}
	for _, f := range report.Findings {
		validateLines[f.Line] = true
	}
	for _, line := range invalidLines {
		if !validateLines[line] {
			t.Fatalf("validate reports no finding on line %d of %s: %s", line, invalid, stdout.String())
		}
	}

	var settings struct {
		Schemas map[string]any `json:"yaml.schemas"`
	}
	data, err := os.ReadFile(filepath.Join(dir, ".vscode", "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &settings); err != nil || len(settings.Schemas) != 1 {
		t.Fatalf("init's .vscode/settings.json: %v, yaml.schemas %v", err, settings.Schemas)
	}

	t.Run("editor schema", func(t *testing.T) {
		diags := diagnose(t, node, dir, settings.Schemas, invalid, valid)
		if d := diags[valid]; len(d) != 0 {
			t.Errorf("valid document: %d diagnostics, want none:\n%s", len(d), showDiagnostics(d))
		}
		got := map[int]bool{}
		for _, d := range diags[invalid] {
			got[d.Range.Start.Line+1] = true
			// The schema init wrote, mapped by init's settings, applied.
			if !strings.HasSuffix(d.Source, "ifacelint inventory document (editor)") {
				t.Errorf("diagnostic from %q, want the editor schema's", d.Source)
			}
		}
		for _, line := range invalidLines {
			if !got[line] {
				t.Errorf("invalid document: no diagnostic on line %d; got:\n%s", line, showDiagnostics(diags[invalid]))
			}
		}
	})

	t.Run("strict schema", func(t *testing.T) {
		var strict bytes.Buffer
		if code := run([]string{"schema"}, strings.NewReader(""), &strict, &stderr); code != 0 {
			t.Fatal(stderr.String())
		}
		writeFile(t, filepath.Join(dir, ".ifacelint", "schema.json"), strict.String())
		diags := diagnose(t, node, dir, settings.Schemas, invalid, valid)
		got := map[int]bool{}
		for _, d := range diags[valid] {
			got[d.Range.Start.Line+1] = true
		}
		// id: 0042 and minVersion: 1.2 are numbers, the description null.
		for _, line := range []int{6, 8, 15} {
			if !got[line] {
				t.Errorf("the strict schema shows no diagnostic on line %d of the valid document; got:\n%s", line, showDiagnostics(diags[valid]))
			}
		}
	})
}

const validForEditor = `# Valid for ifacelint validate; YAML 1.2 reads 0042 and 1.2 as numbers
# and the empty description as null.
apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: 0042
  name: Ledger API
  description:
  owner: {team: payments, contact: payments@example.com}
spec:
  type: api
  direction: inbound
  exposure: internal
  encryption:
    inTransit: {tls: true, minVersion: 1.2}
  logging:
    retentionDays: 90
`

const invalidForEditor = `apiVersion: ifacelint/v1
kind: Interfaces
metadata:
  id: broken
  name: Broken
spec:
  type: api
  direction: inbound
  exposure: internal
  authentification: {methods: [sso]}
---
apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: nameless
spec:
  type: api
  direction: inbound
  exposure: internal
`

// invalidLines are the 1-based lines of invalidForEditor where validate
// and the editor both report: the unknown kind, and the metadata that
// lacks its name. (The unknown field of line 10 is not checked by the
// language server: with an unknown kind no spec schema applies.)
var invalidLines = []int{2, 14}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func needLanguageServer(t *testing.T) string {
	t.Helper()
	tooltest.Need(t, "Node and the YAML language server", "apt-get install nodejs npm; npm ci --prefix testdata/editor")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(languageServer)
	}
	if err != nil {
		tooltest.Missing(t, "the YAML language server", fmt.Sprintf("%v; apt-get install nodejs npm; npm ci --prefix testdata/editor", err))
	}
	return node
}

type diagnostic struct {
	Range struct {
		Start struct{ Line, Character int }
	}
	Message string
	Source  string
}

func showDiagnostics(ds []diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %d:%d %s (%s)\n", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Message, d.Source)
	}
	return b.String()
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// diagnose starts the language server on the workspace dir with the given
// yaml.schemas, opens the files one after the other and returns the last
// diagnostics published for each. The first file must have some: waiting
// for them shows the schema is loaded before the others are opened, so an
// empty list for those is the schema's verdict, not a server still
// loading.
func diagnose(t *testing.T, node, dir string, schemas map[string]any, files ...string) map[string][]diagnostic {
	t.Helper()
	// A watchdog, not a measurement: the server starts in about a second,
	// but a loaded CI machine is slow.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := startLanguageServer(ctx, t, node)
	defer c.stop()

	root := fileURI(dir)
	c.request("initialize", map[string]any{
		"processId":        os.Getpid(),
		"rootUri":          root,
		"workspaceFolders": []any{map[string]any{"uri": root, "name": filepath.Base(dir)}},
		"capabilities": map[string]any{
			"textDocument": map[string]any{"publishDiagnostics": map[string]any{}},
		},
	})
	c.notify("initialized", map[string]any{})
	c.settings = map[string]any{"yaml": map[string]any{
		"validate":    true,
		"schemas":     schemas,
		"schemaStore": map[string]any{"enable": false}, // no network
	}}
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": c.settings})
	out := map[string][]diagnostic{}
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		uri := fileURI(f)
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": uri, "languageId": "yaml", "version": 1, "text": string(data),
		}})
		out[f] = c.diagnostics(uri, i == 0)
	}
	c.request("shutdown", nil)
	c.notify("exit", nil)
	return out
}

type lspClient struct {
	t      *testing.T
	ctx    context.Context
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	msgs   chan rpcMessage
	stderr *bytes.Buffer
	nextID int
	mu     sync.Mutex
	diags  map[string][][]diagnostic // every publication per URI
	// settings by section, pushed and answered to workspace/configuration
	settings map[string]any
}

type rpcMessage struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id,omitempty"`
	Method  string           `json:"method,omitempty"`
	Params  json.RawMessage  `json:"params,omitempty"`
	Result  json.RawMessage  `json:"result,omitempty"`
	Error   *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

func startLanguageServer(ctx context.Context, t *testing.T, node string) *lspClient {
	t.Helper()
	cmd := exec.CommandContext(ctx, node, languageServer, "--stdio")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &lspClient{t: t, ctx: ctx, cmd: cmd, stdin: stdin, msgs: make(chan rpcMessage, 64),
		stderr: &bytes.Buffer{}, diags: map[string][][]diagnostic{}}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(c.msgs)
		r := bufio.NewReader(stdout)
		for {
			msg, err := readMessage(r)
			if err != nil {
				return
			}
			c.msgs <- msg
		}
	}()
	return c
}

// readMessage reads one LSP message: headers, a blank line, a JSON body.
func readMessage(r *bufio.Reader) (rpcMessage, error) {
	var msg rpcMessage
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return msg, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			if length, err = strconv.Atoi(v); err != nil {
				return msg, err
			}
		}
	}
	if length < 0 {
		return msg, fmt.Errorf("message without Content-Length")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return msg, err
	}
	return msg, json.Unmarshal(body, &msg)
}

func (c *lspClient) send(msg map[string]any) {
	c.t.Helper()
	msg["jsonrpc"] = "2.0"
	body, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("write to the language server: %v\n%s", err, c.stderr)
	}
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	m := map[string]any{"method": method}
	if params != nil {
		m["params"] = params
	}
	c.send(m)
}

// request sends a request and handles messages until its response.
func (c *lspClient) request(method string, params any) json.RawMessage {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	m := map[string]any{"id": id, "method": method}
	if params != nil {
		m["params"] = params
	}
	c.send(m)
	var result json.RawMessage
	c.handle(func(msg rpcMessage) bool {
		if msg.Method != "" || msg.ID == nil || string(*msg.ID) != strconv.Itoa(id) {
			return false
		}
		if msg.Error != nil {
			c.t.Fatalf("%s: error %d %s", method, msg.Error.Code, msg.Error.Message)
		}
		result = msg.Result
		return true
	}, 0)
	return result
}

// diagnostics waits for diagnostics published for uri (non-empty ones if
// nonEmpty), then for a quiet second (a revalidation may follow), and
// returns the last.
func (c *lspClient) diagnostics(uri string, nonEmpty bool) []diagnostic {
	c.t.Helper()
	c.handle(func(rpcMessage) bool {
		all := c.diags[uri]
		return len(all) > 0 && (!nonEmpty || len(all[len(all)-1]) > 0)
	}, time.Second)
	all := c.diags[uri]
	return all[len(all)-1]
}

// handle processes the server's messages until done returns true and then
// quiet passes with no message (0: return at once). It answers the
// server's requests and records published diagnostics.
func (c *lspClient) handle(done func(rpcMessage) bool, quiet time.Duration) {
	c.t.Helper()
	finished := false
	for {
		var timer <-chan time.Time
		if finished {
			if quiet == 0 {
				return
			}
			timer = time.After(quiet)
		}
		select {
		case <-c.ctx.Done():
			c.t.Fatalf("the language server did not answer in time\n%s", c.stderr)
		case <-timer:
			return
		case msg, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("the language server stopped\n%s", c.stderr)
			}
			switch {
			case msg.Method == "workspace/configuration" && msg.ID != nil:
				// The server asks for its settings even from a client that
				// pushes them: answer with the same.
				var p struct{ Items []struct{ Section string } }
				if err := json.Unmarshal(msg.Params, &p); err != nil {
					c.t.Fatal(err)
				}
				result := make([]any, len(p.Items))
				for i, item := range p.Items {
					result[i] = c.settings[item.Section]
				}
				c.send(map[string]any{"id": msg.ID, "result": result})
			case msg.Method != "" && msg.ID != nil:
				// Another request of the server's (client/registerCapability,
				// window/workDoneProgress/create …): nothing to configure.
				c.send(map[string]any{"id": msg.ID, "result": nil})
			case msg.Method == "textDocument/publishDiagnostics":
				var p struct {
					URI         string       `json:"uri"`
					Diagnostics []diagnostic `json:"diagnostics"`
				}
				if err := json.Unmarshal(msg.Params, &p); err != nil {
					c.t.Fatal(err)
				}
				c.diags[p.URI] = append(c.diags[p.URI], p.Diagnostics)
			}
			if !finished && done(msg) {
				finished = true
			}
		}
	}
}

func (c *lspClient) stop() {
	c.stdin.Close()
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
}
