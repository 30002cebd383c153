package query

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// StateDir is pgdeck's directory for history and the audit log:
// $XDG_STATE_HOME/pgdeck, else ~/.local/state/pgdeck.
func StateDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "pgdeck"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "pgdeck"), nil
}

// maxHistory is how many statements the history file keeps loading.
const maxHistory = 1000

// secret matches statements that may carry a password; they never reach
// the history file.
var secret = regexp.MustCompile(`(?i)password|passwd|\bsecret\b`)

// loadHistory reads the history file, oldest first.
func loadHistory(dir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, "history.jsonl"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var e struct{ SQL string }
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.SQL != "" {
			out = append(out, e.SQL)
		}
	}
	if len(out) > maxHistory {
		out = out[len(out)-maxHistory:]
	}
	return out, nil
}

// appendLine appends one JSON line to a file in dir, creating both with
// owner-only permissions.
func appendLine(dir, name string, v any) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	_, err = f.Write(append(b, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// saveHistory records a statement unless it may hold a password.
func saveHistory(dir, sql string) error {
	if secret.MatchString(sql) || strings.TrimSpace(sql) == "" {
		return nil
	}
	return appendLine(dir, "history.jsonl", struct {
		Time time.Time `json:"time"`
		SQL  string    `json:"sql"`
	}{time.Now(), sql})
}

// AuditEntry is one committed change in the audit log.
type AuditEntry struct {
	Time         time.Time `json:"time"`
	User         string    `json:"user"`
	Database     string    `json:"database"`
	Statement    string    `json:"statement"`
	RowsAffected int64     `json:"rows_affected"`
}

// appendAudit adds a committed change to audit.jsonl.
func appendAudit(dir string, e AuditEntry) error {
	if secret.MatchString(e.Statement) {
		e.Statement = "(statement withheld: it may contain a password)"
	}
	return appendLine(dir, "audit.jsonl", e)
}
