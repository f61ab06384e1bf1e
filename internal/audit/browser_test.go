package audit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/tooltest"
)

// The HTML report of the example inventory, opened in a real headless
// Chromium: it must render without a console error or an uncaught
// exception, make no network request (every request the page's own target
// makes is paused by the DevTools Fetch domain, recorded and failed before
// it leaves the browser; the Network domain of the same target reports the
// rest), and sort its tables. Only the page's target is watched, so the
// browser's own traffic (update and account checks, which no flag turns off
// in every version) is never mistaken for the report's. A
// full-page screenshot and a print-media screenshot are written to the
// test's artifact directory: keep them with
//
//	go test ./internal/audit -run Browser -artifacts -outputdir DIR
//
// A tool test (internal/tooltest): with the tool tests on, a missing
// browser fails it; `make test` skips it.
// The browser is driven over --remote-debugging-pipe with a minimal
// DevTools client, so the test needs no extra Go module.
func TestHTMLInBrowser(t *testing.T) {
	path := needChromium(t)
	t.Chdir("../..")
	e := evaluate(t, "2026-11-23", "examples/inventory")
	var buf bytes.Buffer
	if err := HTML(&buf, e); err != nil {
		t.Fatal(err)
	}
	shots := t.ArtifactDir()
	saw := loadInBrowser(t, path, buf.Bytes(), func(b *browser) {
		// The register holds one row per example interface, and sorting by
		// the open-findings column puts the failing interfaces first.
		var got struct {
			Rows      int    `json:"rows"`
			First     string `json:"first"`
			Diagram   bool   `json:"diagram"`
			Coverage  int    `json:"coverage"`
			Suppliers int    `json:"suppliers"`
		}
		b.eval(`(function () {
			var t = document.getElementById("register-table");
			var open = document.querySelector("#register-open button");
			open.click(); open.click(); // descending: most findings first
			return JSON.stringify({
				rows: t.tBodies[0].rows.length,
				first: t.tBodies[0].rows[0].getAttribute("data-id"),
				diagram: document.querySelector("#diagram svg.dfd") !== null,
				coverage: document.getElementById("coverage-table").tBodies[0].rows.length,
				suppliers: document.getElementById("supplier-table").tBodies[0].rows.length
			});
		})()`, &got)
		if got.Rows != 26 {
			t.Errorf("register shows %d rows, want 26", got.Rows)
		}
		if got.First != "merchant-public-api" {
			t.Errorf("sorted by open findings, descending, the first row is %q, want merchant-public-api (3 errors, the drift from its OpenAPI description)", got.First)
		}
		// Four suppliers: the example's three vendors and the hosting
		// provider one of them lists as a subprocessor.
		if !got.Diagram || got.Coverage != mappedControls || got.Suppliers != 4 {
			t.Errorf("diagram %v, %d coverage rows (want %d), %d suppliers (want 4)", got.Diagram, got.Coverage, mappedControls, got.Suppliers)
		}
		// Back to the order the report was written in, for the screenshot.
		b.eval(`(function () { document.querySelector("#register-table th button").click(); return "{}"; })()`, nil)

		b.screenshot(filepath.Join(shots, "report.png"), "")
		b.screenshot(filepath.Join(shots, "report-diagram.png"), "#diagram .diagram")
		b.call("Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
		b.screenshot(filepath.Join(shots, "report-print.png"), "")
		var pdf struct{ Data string }
		b.call("Page.printToPDF", map[string]any{"landscape": true, "printBackground": true, "preferCSSPageSize": true}, &pdf)
		if raw, err := base64.StdEncoding.DecodeString(pdf.Data); err != nil || !bytes.HasPrefix(raw, []byte("%PDF")) {
			t.Errorf("printing to PDF failed: %v", err)
		} else if err := os.WriteFile(filepath.Join(shots, "report.pdf"), raw, 0o644); err != nil {
			t.Error(err)
		}
	})
	t.Logf("screenshots and PDF in %s", shots)
	for _, msg := range saw.issues {
		t.Errorf("browser: %s", msg)
	}
	for _, u := range saw.requests {
		t.Errorf("the page requested %s; the report must load nothing", u)
	}
}

// The example inventory's report on SOC 2 (report --framework soc2), and on
// every framework, in a real browser: no console error, no request, a SOC 2
// matrix with one row per mapped control; with several frameworks the
// switcher shows one matrix at a time and printing shows them all.
func TestFrameworkHTMLInBrowser(t *testing.T) {
	path := needChromium(t)
	t.Chdir("../..")
	soc2 := evaluateFrameworks(t, "2026-11-23", []string{frameworks.SOC2}, "examples/inventory")
	// Every built-in framework and one of the organisation's own, with a
	// long title: ten buttons, one wider than a narrow screen alone.
	acme, err := frameworks.NewUser("acme-integration-security", "Acme Integration Security Standard 2.1 for partner, supplier and internal interfaces of the group", "acme.yaml",
		[]frameworks.Control{{ID: "ACME-IAM-1", Title: "Callers authenticated", Family: "Identity"}, {ID: "ACME-CRY-1", Title: "Traffic encrypted", Family: "Cryptography"}})
	if err != nil {
		t.Fatal(err)
	}
	allKeys := append(slices.Clone(frameworks.Keys), acme.Key)
	all := evaluateUser(t, "2026-11-23", allKeys, map[*frameworks.Framework]map[string][]string{
		acme: {"authentication/required": {"ACME-IAM-1"}, "transport/tls-required": {"ACME-CRY-1"}},
	}, "examples/inventory")
	shots := t.ArtifactDir()
	for name, e := range map[string]*Evidence{"soc2": soc2, "all": all} {
		var buf bytes.Buffer
		if err := HTML(&buf, e); err != nil {
			t.Fatal(err)
		}
		saw := loadInBrowser(t, path, buf.Bytes(), func(b *browser) {
			var got struct {
				Rows     int      `json:"rows"`
				Switcher bool     `json:"switcher"`
				Shown    []string `json:"shown"`
				Clicked  []string `json:"clicked"`
				Pressed  string   `json:"pressed"`
			}
			b.eval(`(function () {
				function shown() {
					return Array.prototype.filter.call(document.querySelectorAll(".framework-panel"), function (p) {
						return getComputedStyle(p).display !== "none";
					}).map(function (p) { return p.getAttribute("data-framework"); });
				}
				var nav = document.getElementById("framework-switcher");
				var first = shown();
				var clicked = [];
				if (nav) {
					nav.querySelector('button[data-framework="pci-dss-4"]').click();
					clicked = shown();
				}
				var pressed = nav ? nav.querySelector('button[aria-pressed="true"]').getAttribute("data-framework") : "";
				return JSON.stringify({
					rows: document.getElementById("coverage-table-soc2").tBodies[0].rows.length,
					switcher: nav !== null && getComputedStyle(nav).display !== "none",
					shown: first, clicked: clicked, pressed: pressed
				});
			})()`, &got)
			if want := len(soc2.Frameworks[0].Coverage); got.Rows != want || want == 0 {
				t.Errorf("%s: the SOC 2 matrix shows %d rows, want %d", name, got.Rows, want)
			}
			switch name {
			case "soc2":
				if got.Switcher || !slices.Equal(got.Shown, []string{"soc2"}) {
					t.Errorf("soc2: switcher %v, panels shown %v; want no switcher and the SOC 2 panel", got.Switcher, got.Shown)
				}
				b.screenshot(filepath.Join(shots, "report-soc2-summary.png"), "#summary")
				b.screenshot(filepath.Join(shots, "report-soc2-coverage.png"), "#coverage")
			case "all":
				if !got.Switcher || !slices.Equal(got.Shown, []string{"iso-27001"}) ||
					!slices.Equal(got.Clicked, []string{"pci-dss-4"}) || got.Pressed != "pci-dss-4" {
					t.Errorf("all: switcher %v, shown %v, after clicking PCI DSS %v (pressed %q); want the ISO panel, then the PCI DSS one",
						got.Switcher, got.Shown, got.Clicked, got.Pressed)
				}
				b.screenshot(filepath.Join(shots, "report-frameworks.png"), "#coverage")
				// Every framework's button, on a narrow screen too: the buttons
				// wrap inside the page instead of running off it, and each one
				// shows its own matrix alone.
				var each struct {
					Buttons  []string   `json:"buttons"`
					Shown    [][]string `json:"shown"`
					Overflow []string   `json:"overflow"`
				}
				b.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": 420, "height": 900, "deviceScaleFactor": 1, "mobile": false}, nil)
				b.eval(`(function () {
					var nav = document.getElementById("framework-switcher");
					var buttons = Array.prototype.slice.call(nav.querySelectorAll("button[data-framework]"));
					var overflow = buttons.filter(function (b) {
						var r = b.getBoundingClientRect();
						return r.left < 0 || r.right > document.documentElement.clientWidth || b.scrollWidth > b.clientWidth + 1;
					}).map(function (b) { return b.getAttribute("data-framework"); });
					var shown = buttons.map(function (b) {
						b.click();
						return Array.prototype.filter.call(document.querySelectorAll(".framework-panel"), function (p) {
							return getComputedStyle(p).display !== "none";
						}).map(function (p) { return p.getAttribute("data-framework"); });
					});
					return JSON.stringify({buttons: buttons.map(function (b) { return b.getAttribute("data-framework"); }), shown: shown, overflow: overflow});
				})()`, &each)
				if len(allKeys) < 10 || !slices.Equal(each.Buttons, allKeys) || len(each.Overflow) > 0 {
					t.Errorf("switcher buttons %v (want %v), off the page or clipped at 420px: %v", each.Buttons, allKeys, each.Overflow)
				}
				for i, key := range each.Buttons {
					if i >= len(each.Shown) || !slices.Equal(each.Shown[i], []string{key}) {
						t.Errorf("after clicking %s the panels shown are %v, want %s alone", key, each.Shown, key)
					}
				}
				b.screenshot(filepath.Join(shots, "report-frameworks-narrow.png"), "#coverage")
				b.call("Emulation.clearDeviceMetricsOverride", map[string]any{}, nil)
				b.call("Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
				var printed struct {
					Shown  []string `json:"shown"`
					Breaks []string `json:"breaks"`
				}
				b.eval(`(function () {
					var panels = Array.prototype.slice.call(document.querySelectorAll(".framework-panel"));
					return JSON.stringify({
						shown: panels.filter(function (p) { return getComputedStyle(p).display !== "none"; }).map(function (p) { return p.getAttribute("data-framework"); }),
						breaks: panels.map(function (p) { return getComputedStyle(p).breakBefore; })
					});
				})()`, &printed)
				if !slices.Equal(printed.Shown, allKeys) {
					t.Errorf("printed, the panels shown are %v, want every framework", printed.Shown)
				}
				// Printed, each framework after the first starts a page.
				for i, br := range printed.Breaks {
					if want := map[bool]string{true: "auto", false: "page"}[i == 0]; br != want {
						t.Errorf("printed, panel %d breaks before %q, want %q", i, br, want)
					}
				}
			}
		})
		for _, msg := range saw.issues {
			t.Errorf("%s: browser: %s", name, msg)
		}
		for _, u := range saw.requests {
			t.Errorf("%s: the page requested %s; the report must load nothing", name, u)
		}
	}
}

// Hostile inventory text stays text in a real browser: the fixture's
// interface named `<script>alert(1)</script>` adds no script and opens no
// dialog.
func TestHostileHTMLInBrowser(t *testing.T) {
	path := needChromium(t)
	e := evaluate(t, "2026-11-23", "testdata/fixture")
	var buf bytes.Buffer
	if err := HTML(&buf, e); err != nil {
		t.Fatal(err)
	}
	saw := loadInBrowser(t, path, buf.Bytes(), func(b *browser) {
		var got struct {
			Scripts int    `json:"scripts"`
			Name    string `json:"name"`
		}
		b.eval(`JSON.stringify({scripts: document.scripts.length,
			name: document.querySelector('#register-table tr[data-id="admin-portal"] strong').textContent})`, &got)
		if got.Scripts != 1 || !strings.HasPrefix(got.Name, `=HYPERLINK("http://evil.example/x","click") <script>alert(1)</script>`) {
			t.Errorf("%d scripts, admin-portal named %q", got.Scripts, got.Name)
		}
	})
	for _, msg := range append(saw.issues, saw.requests...) {
		t.Errorf("browser: %s", msg)
	}
}

// The harness itself: a page that logs an error, throws, loads an image,
// a style sheet and a script-initiated fetch from the network must be
// caught on every count, or the tests above would pass for the wrong
// reason.
func TestBrowserHarnessCatchesLeaks(t *testing.T) {
	path := needChromium(t)
	page := []byte(`<!DOCTYPE html><html><head><title>leaky</title>
<link rel="stylesheet" href="https://tripwire.invalid/style.css"></head><body>
<img src="http://tripwire.invalid/pixel.png" alt="">
<script>fetch("https://tripwire.invalid/beacon").catch(function () {});
console.error("boom"); throw new Error("bang");</script>
</body></html>`)
	saw := loadInBrowser(t, path, page, func(b *browser) {
		// A request made after the load is caught too.
		b.eval(`(function () { new Image().src = "http://tripwire.invalid/late.png"; return "{}"; })()`, nil)
		time.Sleep(300 * time.Millisecond)
	})
	joined := strings.Join(saw.issues, "\n")
	if !strings.Contains(joined, "boom") || !strings.Contains(joined, "bang") {
		t.Errorf("console error and exception not reported; saw %q", saw.issues)
	}
	for _, want := range []string{
		"http://tripwire.invalid/pixel.png", "https://tripwire.invalid/style.css",
		"https://tripwire.invalid/beacon", "http://tripwire.invalid/late.png",
	} {
		if !slices.Contains(saw.requests, want) {
			t.Errorf("the request for %s was not reported; saw %q", want, saw.requests)
		}
	}
}

func needChromium(t *testing.T) string {
	t.Helper()
	tooltest.Need(t, "Chromium", "apt-get install chromium")
	path := findChromium()
	if path == "" {
		tooltest.Missing(t, "chromium", "apt-get install chromium")
	}
	return path
}

// sighting is what a page did in the browser.
type sighting struct {
	issues   []string // console errors and uncaught exceptions
	requests []string // requests of the page's target other than the page itself, each once
}

// loadInBrowser writes page to a file, opens it in a fresh headless
// browser, runs fn on it and reports what happened.
func loadInBrowser(t *testing.T, path string, page []byte, fn func(*browser)) sighting {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	// A watchdog, not a measurement: generous, because a loaded CI machine
	// (the race detector, other packages' tests on both cores) makes
	// Chromium slow to lay out, screenshot and print the report.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	b := startBrowser(ctx, t, path, dir)
	url := "file://" + filepath.ToSlash(file)
	if err := b.open(url); err != nil {
		t.Fatal(err)
	}
	fn(b)
	b.close()
	return sighting{issues: b.problems(), requests: b.requestsOtherThan(url)}
}

func findChromium() string {
	if p := os.Getenv("IFACELINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a minimal Chrome DevTools Protocol client over
// --remote-debugging-pipe: NUL-terminated JSON messages, commands on the
// child's fd 3, replies and events on its fd 4.
type browser struct {
	t       *testing.T
	ctx     context.Context
	cmd     *exec.Cmd
	out     io.WriteCloser
	session string

	mu       sync.Mutex
	nextID   int
	pending  map[int]chan cdpMessage
	issues   []string
	requests []string
	page     string // the URL the page is loaded from: the one request let through
	loaded   chan struct{}
	done     chan struct{}
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Error     *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

func startBrowser(ctx context.Context, t *testing.T, path, dir string) *browser {
	t.Helper()
	toChild, ourOut, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ourIn, fromChild, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	profile := filepath.Join(dir, "profile")
	cmd := exec.CommandContext(ctx, path,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--disable-domain-reliability",
		"--disable-client-side-phishing-detection", "--no-first-run", "--no-default-browser-check",
		"--metrics-recording-only", "--mute-audio", "--hide-scrollbars",
		"--user-data-dir="+profile,
		// No host name resolves, whoever asks: a request that escaped the
		// Fetch domain still reaches nothing.
		"--host-resolver-rules=MAP * ~NOTFOUND",
		"--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toChild, fromChild}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toChild.Close()
	fromChild.Close()
	b := &browser{t: t, ctx: ctx, cmd: cmd, out: ourOut, pending: map[int]chan cdpMessage{},
		loaded: make(chan struct{}, 1), done: make(chan struct{})}
	t.Cleanup(func() {
		b.out.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", stderr.String())
		}
	})
	go b.read(ourIn)
	return b
}

func (b *browser) read(r io.ReadCloser) {
	defer close(b.done)
	defer r.Close()
	br := bufio.NewReader(r)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch, ok := b.pending[m.ID]; ok {
				ch <- m
				delete(b.pending, m.ID)
			}
		} else {
			b.event(m)
		}
		b.mu.Unlock()
	}
}

// event records what the test asserts on. Called with b.mu held. Only the
// page's own session counts: the browser's other targets (its start-up and
// update traffic) are not the report's doing.
func (b *browser) event(m cdpMessage) {
	if m.SessionID != b.session {
		return
	}
	switch m.Method {
	case "Page.loadEventFired":
		select {
		case b.loaded <- struct{}{}:
		default:
		}
	case "Runtime.exceptionThrown":
		var p struct {
			ExceptionDetails struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		_ = json.Unmarshal(m.Params, &p)
		b.issues = append(b.issues, "uncaught exception: "+p.ExceptionDetails.Text+" "+p.ExceptionDetails.Exception.Description)
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string            `json:"type"`
			Args []json.RawMessage `json:"args"`
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Type == "error" || p.Type == "assert" {
			b.issues = append(b.issues, fmt.Sprintf("console.%s: %s", p.Type, p.Args))
		}
	case "Log.entryAdded":
		var p struct {
			Entry struct {
				Level, Source, Text, URL string
			} `json:"entry"`
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Entry.Level == "error" {
			b.issues = append(b.issues, fmt.Sprintf("console error (%s): %s %s", p.Entry.Source, p.Entry.Text, p.Entry.URL))
		}
	case "Page.javascriptDialogOpening":
		var p struct{ Message string }
		_ = json.Unmarshal(m.Params, &p)
		b.issues = append(b.issues, "dialog opened: "+p.Message)
	case "Network.requestWillBeSent":
		var p struct {
			Request struct{ URL string } `json:"request"`
		}
		_ = json.Unmarshal(m.Params, &p)
		b.requests = append(b.requests, p.Request.URL)
	case "Fetch.requestPaused":
		// Every request of the page stops here before it is sent: the page
		// itself goes on, anything else is recorded and failed. The reply
		// is sent from another goroutine, since this one reads replies.
		var p struct {
			RequestID string               `json:"requestId"`
			Request   struct{ URL string } `json:"request"`
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Request.URL == b.page {
			go func() { _ = b.try("Fetch.continueRequest", map[string]any{"requestId": p.RequestID}, nil) }()
			return
		}
		b.requests = append(b.requests, p.Request.URL)
		go func() {
			_ = b.try("Fetch.failRequest", map[string]any{"requestId": p.RequestID, "errorReason": "BlockedByClient"}, nil)
		}()
	}
}

// call sends one command and decodes its result into out (may be nil).
func (b *browser) call(method string, params any, out any) {
	b.t.Helper()
	if err := b.try(method, params, out); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browser) try(method string, params any, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	session := b.session
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" && !strings.HasPrefix(method, "Target.") {
		msg["sessionId"] = session
	}
	raw, _ := json.Marshal(msg)
	if _, err := b.out.Write(append(raw, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(m.Result, out)
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: the browser exited", method)
	case <-b.ctx.Done():
		return fmt.Errorf("%s: %w", method, b.ctx.Err())
	}
}

// open creates a page in a fresh browser context, attaches to its target,
// turns on the event domains there — Fetch pauses every request the page
// makes, whatever its scheme or initiator — and loads url. Everything the
// test asserts on is attributed to that target; the browser's own traffic
// belongs to other targets and is ignored.
func (b *browser) open(url string) error {
	var bc struct{ BrowserContextID string }
	if err := b.try("Target.createBrowserContext", map[string]any{"disposeOnDetach": true}, &bc); err != nil {
		return err
	}
	var target struct{ TargetID string }
	if err := b.try("Target.createTarget", map[string]any{"url": "about:blank", "browserContextId": bc.BrowserContextID}, &target); err != nil {
		return err
	}
	var attached struct{ SessionID string }
	if err := b.try("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return err
	}
	b.mu.Lock()
	b.session, b.page = attached.SessionID, url
	b.mu.Unlock()
	for _, domain := range []string{"Page", "Runtime", "Log", "Network"} {
		if err := b.try(domain+".enable", nil, nil); err != nil {
			return err
		}
	}
	if err := b.try("Fetch.enable", map[string]any{
		"patterns": []map[string]any{{"urlPattern": "*", "requestStage": "Request"}}}, nil); err != nil {
		return err
	}
	if err := b.try("Emulation.setDeviceMetricsOverride", map[string]any{
		"width": 1440, "height": 1000, "deviceScaleFactor": 1, "mobile": false}, nil); err != nil {
		return err
	}
	var nav struct{ ErrorText string }
	if err := b.try("Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return errors.New("navigate: " + nav.ErrorText)
	}
	select {
	case <-b.loaded:
		return nil
	case <-b.ctx.Done():
		return errors.New("the page did not finish loading")
	}
}

// eval runs a script that returns a JSON string and decodes it into out.
func (b *browser) eval(script string, out any) {
	b.t.Helper()
	var res struct {
		Result struct {
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	b.call("Runtime.evaluate", map[string]any{"expression": script, "returnByValue": true}, &res)
	if res.ExceptionDetails != nil {
		b.t.Fatalf("script failed: %s", res.ExceptionDetails.Text)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(res.Result.Value), out); err != nil {
			b.t.Fatalf("script result %q: %v", res.Result.Value, err)
		}
	}
}

// screenshot writes a PNG of the element selector matches, or of the
// whole page.
func (b *browser) screenshot(path, selector string) {
	b.t.Helper()
	var clip struct{ X, Y, Width, Height float64 }
	if selector == "" {
		var metrics struct {
			CSSContentSize struct{ Width, Height float64 } `json:"cssContentSize"`
		}
		b.call("Page.getLayoutMetrics", nil, &metrics)
		clip.Width, clip.Height = metrics.CSSContentSize.Width, metrics.CSSContentSize.Height
	} else {
		sel, _ := json.Marshal(selector)
		b.eval(`(function () {
			var r = document.querySelector(`+string(sel)+`).getBoundingClientRect();
			return JSON.stringify({x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height});
		})()`, &clip)
	}
	var shot struct{ Data string }
	b.call("Page.captureScreenshot", map[string]any{
		"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": clip.X, "y": clip.Y, "width": clip.Width, "height": clip.Height, "scale": 1},
	}, &shot)
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		b.t.Fatalf("screenshot: not a PNG (%v)", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browser) close() {
	_ = b.try("Browser.close", nil, nil)
	select {
	case <-b.done:
	case <-time.After(5 * time.Second):
	}
}

func (b *browser) problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.issues...)
}

func (b *browser) requestsOtherThan(url string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, r := range b.requests {
		if r != url && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
