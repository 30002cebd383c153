package fixloop

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/migrate"
)

// RunFindings is step b on a session: the findings, the proposals, and a
// stop when the index exists already or nothing proposes one.
func (s *Session) RunFindings(ctx context.Context, d *db.DB) error {
	pp := Propose(ctx, d, s.Before)
	if fs, fks, err := tableFindings(ctx, d); err != nil {
		pp.Notes = append(pp.Notes, fmt.Sprintf("table findings unavailable: %v", err))
	} else {
		pp.RelatedFindings(s.Before.Plan, fs, fks)
	}
	s.Proposals = pp
	switch {
	case len(pp.Items) > 0:
		p := pp.Items[0]
		s.Record(StepFindings, Done, "%d finding(s); %s proposes an index on %s", len(pp.Findings)+len(pp.Related), p.Rule, p.String())
	case len(pp.Existing) > 0:
		e := pp.Existing[0]
		s.Record(StepFindings, Stopped, "an index on %s (%s) exists already, so the cause of the Seq Scan is elsewhere: stale statistics (ANALYZE %s), a cast or a function on the column, or a parameter type mismatch",
			e.Relation(), strings.Join(e.Index, ", "), e.Relation())
	default:
		s.Record(StepFindings, Stopped, "%d finding(s), none proposing an index: nothing for the fix loop to build", len(pp.Findings)+len(pp.Related))
	}
	return nil
}

// MigrationOptions say where and how step d writes.
type MigrationOptions struct {
	// Dir is the migrations folder; it is created when missing.
	Dir string
	// LockTimeout is the lock_timeout the migration sets (default 5s).
	LockTimeout time.Duration
	// Now dates timestamp-versioned files (default: time.Now).
	Now func() time.Time
}

// PrepareMigration renders and lints the migration for the chosen index
// without writing it: the version follows both the folder and the
// database's history, and an index name already taken by another relation
// gets a suffix (IF NOT EXISTS would otherwise skip the build silently).
func PrepareMigration(ctx context.Context, d *db.DB, c Candidate, o MigrationOptions) (*Migration, error) {
	t, err := OpenTarget(o.Dir)
	if err != nil {
		return nil, err
	}
	if t.Head, err = appliedHead(ctx, d, o.Dir); err != nil {
		return nil, err
	}
	base := c
	for i := 1; ; i++ {
		st, err := ReadIndexState(ctx, d, c.QualifiedName())
		if err != nil {
			return nil, err
		}
		if !st.Exists {
			break
		}
		if i > 20 {
			return nil, fmt.Errorf("index names %s_1…_20 are all taken", base.Name())
		}
		c = base
		c.Suffix = fmt.Sprintf("_%d", i)
	}
	if m := pendingCopy(t, c); m != nil {
		return m, nil
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	m := Render(t, c, t.nextVersion(now()), o.LockTimeout)
	var lintErr error
	err = d.Read(ctx, func(q db.Querier) error {
		lintErr = m.CheckLint(migrate.LiveFacts{Ctx: ctx, Q: q})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lint the migration: %w", err)
	}
	return m, lintErr
}

// RunMigration is step d on a session: render, lint, write.
func (s *Session) RunMigration(ctx context.Context, d *db.DB, o MigrationOptions) error {
	c, ok := s.Chosen()
	if !ok {
		err := fmt.Errorf("no index to write: the findings proposed none")
		s.Record(StepMigration, Failed, "%v", err)
		return err
	}
	m, err := PrepareMigration(ctx, d, c, o)
	if m != nil {
		s.Migration = m
	}
	if err == nil && !m.Written {
		err = m.Write()
	}
	if err != nil {
		s.Record(StepMigration, Failed, "%v", err)
		return err
	}
	lint := "lint clean"
	if n := len(m.Lint); n > 0 {
		lint = fmt.Sprintf("lint: no errors, %d note(s)", n)
	}
	created := ""
	if m.Target.Created {
		created = " (new folder)"
	}
	if m.Reused {
		s.Record(StepMigration, Done, "%s, written earlier and not applied yet, builds this index already: using it", m.UpPath())
		return nil
	}
	s.Record(StepMigration, Done, "wrote %s in %s format%s — %s", strings.Join(paths(m.Files), " and "), m.Target.Format, created, lint)
	return nil
}

func paths(fs []File) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Path
	}
	return out
}

// pendingCopy finds a pending migration of the folder that builds the
// same index already (a loop run earlier without --apply), so that running
// the loop again applies it instead of writing a second copy.
func pendingCopy(t Target, c Candidate) *Migration {
	if t.Created {
		return nil
	}
	folder, err := migrate.ReadFolder(t.Dir)
	if err != nil {
		return nil
	}
	for _, f := range folder.Files {
		v, err := strconv.ParseInt(f.Version, 10, 64)
		if err != nil || v <= t.Head || !strings.Contains(f.Up, c.CreateSQL()) {
			continue
		}
		m := &Migration{Target: t, Index: c, Version: f.Version, Written: true, Reused: true,
			Files: []File{{Path: filepath.Join(t.Dir, f.UpPath), Text: f.Raw}}}
		if f.DownPath != "" {
			m.Files = append(m.Files, File{Path: filepath.Join(t.Dir, f.DownPath), Text: f.Down})
		}
		return m
	}
	return nil
}
