package db

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// RunScript splits script into statements and runs them one after the
// other on r, writing every result to out as it streams in and notices to
// notices (if not nil). It stops at the first error, as psql does with
// ON_ERROR_STOP. Listing meta-commands (\dt …) run their catalog query.
func RunScript(ctx context.Context, r *Runner, script string, out ResultWriter, notices io.Writer) error {
	stmts, err := SplitScript(script)
	if err != nil && len(stmts) == 0 {
		return err
	}
	for _, s := range stmts {
		sql := s.SQL
		if strings.HasPrefix(sql, `\`) {
			var ok bool
			if sql, ok = MetaSQL(s.SQL); !ok {
				return fmt.Errorf("%s: pgdeck query runs the listing meta-commands (\\d, \\dt, \\di, \\dn, \\df); the others belong to the console", strings.Fields(s.SQL)[0])
			}
		}
		res, err := r.Run(ctx, sql, out)
		if notices != nil {
			for _, n := range res.Notices {
				fmt.Fprintf(notices, "%s:  %s\n", n.Severity, n.Message)
			}
		}
		if err != nil {
			_ = out.Flush()
			return err
		}
		if err := out.End(res); err != nil {
			return fmt.Errorf("write result: %w", err)
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	return nil
}
