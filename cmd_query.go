package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/internal/safetext"
)

// newQueryCmd is `pgdeck query`, the non-interactive twin of the Query
// pane: it runs a script and streams the rows to stdout.
func newQueryCmd(cf *connFlags) *cobra.Command {
	var command, file, format string
	var maxRows int64
	cmd := &cobra.Command{
		Use:   "query (-c SQL | -f FILE) [DSN]",
		Short: "Run SQL and stream the results to stdout (table, csv, json, markdown)",
		Long: `query runs one or more statements on a single session, as psql -c or -f
does, and streams each result to stdout as the rows arrive, in constant
memory. Its csv output is byte for byte what psql --csv prints.

Errors go to stderr and the exit status is 1; execution stops at the first
error. -f - reads the script from stdin. Like the console, query is
read-only unless --read-write is given.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			script, err := queryScript(command, file, cmd.InOrStdin())
			if err != nil {
				return usageError{err}
			}
			out, err := db.NewResultWriter(cmd.OutOrStdout(), format)
			if err != nil {
				return usageError{err}
			}
			d, err := cf.open(cmd.Context(), args)
			if err != nil {
				return err
			}
			defer d.Close()
			r := d.NewRunner(db.RunOptions{MaxRows: maxRows})
			if err := db.RunScript(cmd.Context(), r, script, out, cmd.ErrOrStderr()); err != nil {
				return &exitError{code: 1, err: queryFailure(err)}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&command, "command", "c", "", "SQL to run (several statements separated by ;)")
	f.StringVarP(&file, "file", "f", "", "file of SQL to run (- for stdin)")
	f.StringVar(&format, "format", "table", "output format: "+strings.Join(db.Formats, ", "))
	f.Int64Var(&maxRows, "max-rows", 0, "stop each result after this many rows (0: no limit)")
	return cmd
}

// queryScript reads the script from exactly one of -c and -f.
func queryScript(command, file string, stdin io.Reader) (string, error) {
	switch {
	case command != "" && file != "":
		return "", errors.New("give either -c or -f, not both")
	case command != "":
		return command, nil
	case file == "-":
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", fmt.Errorf("read stdin: %w", err)
		}
		return string(b), nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read script: %w", err)
		}
		return string(b), nil
	}
	return "", errors.New("nothing to run: give -c SQL or -f FILE")
}

// queryFailure words a failed statement as psql does, with the line and
// a caret under the error position.
func queryFailure(err error) error {
	var qe *db.QueryError
	if !errors.As(err, &qe) {
		return err
	}
	msg := qe.Error()
	if off := qe.ByteOffset(); off >= 0 {
		start := strings.LastIndexByte(qe.SQL[:off], '\n') + 1
		end := strings.IndexByte(qe.SQL[off:], '\n')
		if end < 0 {
			end = len(qe.SQL)
		} else {
			end += off
		}
		line := safetext.Display(qe.SQL[start:end])
		caret := strings.Repeat(" ", len([]rune(safetext.Display(qe.SQL[start:off]))))
		msg += "\n" + line + "\n" + caret + "^"
	}
	return errors.New(msg)
}
