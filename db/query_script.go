package db

import (
	"context"
	"fmt"
	"io"
)

// RunScript splits script into statements and runs them one after the
// other on r, writing every result to out as it streams in and notices to
// notices (if not nil). It stops at the first error, as psql does with
// ON_ERROR_STOP.
func RunScript(ctx context.Context, r *Runner, script string, out ResultWriter, notices io.Writer) error {
	stmts, err := SplitScript(script)
	if err != nil && len(stmts) == 0 {
		return err
	}
	for _, s := range stmts {
		res, err := r.Run(ctx, s.SQL, out)
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
