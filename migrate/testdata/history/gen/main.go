// Command gen rebuilds the history table dumps in migrate/testdata/history
// by running the migration tools themselves against a throwaway server:
//
//	go run ./migrate/testdata/history/gen -tools /tmp/mtools -node /tmp/npmtools
//
// -tools holds the migrate (golang-migrate, -tags postgres) and goose
// binaries, built from the Go module proxy; -node is a folder with knex,
// pg and drizzle-orm installed from npm; alembic and django come from
// Debian's python3-alembic and python3-django. A tool that is missing is
// skipped with a note, and its dump is left as it was.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pgdeck/pgdeck/pgtmp"
)

type scenario struct {
	name   string   // database and dump file name
	tables []string // tables to dump, schema-qualified
	steps  func(url, dir string) [][]string
	// failOK marks steps whose failure is the point (a dirty migration).
	failOK bool
	env    []string
}

func main() {
	tools := flag.String("tools", "/tmp/mtools", "folder with the migrate and goose binaries")
	node := flag.String("node", "/tmp/npmtools", "folder with node_modules holding knex, pg and drizzle-orm")
	flag.Parse()
	here, err := filepath.Abs("migrate/testdata/history")
	must(err)
	ctx := context.Background()
	s, err := pgtmp.Start(ctx, pgtmp.Options{TCP: true})
	must(err)
	defer s.Close()
	for _, sc := range scenarios(*tools, *node, here) {
		if err := run(ctx, s, sc, here); err != nil {
			fmt.Fprintf(os.Stderr, "%s: skipped: %v\n", sc.name, err)
			continue
		}
		fmt.Println("wrote", sc.name+".sql")
	}
}

func run(ctx context.Context, s *pgtmp.Server, sc scenario, here string) error {
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	db := "h_" + strings.ReplaceAll(sc.name, "-", "_")
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{db}.Sanitize()); err != nil {
		return err
	}
	url := fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", pgtmp.Superuser, s.Port, db)
	work, err := os.MkdirTemp("", "pgdeck-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	for _, st := range sc.steps(url, work) {
		cmd := exec.CommandContext(ctx, st[0], st[1:]...)
		cmd.Dir = here
		cmd.Env = append(os.Environ(), sc.env...)
		cmd.Env = append(cmd.Env, "DATABASE_URL="+url, "WORK="+work)
		out, err := cmd.CombinedOutput()
		if err != nil && !sc.failOK {
			return fmt.Errorf("%s: %v\n%s", strings.Join(st, " "), err, out)
		}
	}
	args := []string{"--inserts", "--no-owner", "--no-privileges", "-d", s.ConnString(db)}
	for _, t := range sc.tables {
		args = append(args, "-t", t)
	}
	out, err := s.Command(ctx, "pg_dump", args...)
	if err != nil {
		return fmt.Errorf("pg_dump: %v\n%s", err, out)
	}
	return os.WriteFile(filepath.Join(here, sc.name+".sql"), clean(out), 0o644)
}

// clean keeps the statements of a dump: no comments, no psql
// meta-commands, no blank lines.
func clean(dump []byte) []byte {
	var b strings.Builder
	for _, line := range strings.Split(string(dump), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") || strings.HasPrefix(t, `\`) {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
