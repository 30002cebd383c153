package migrate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pgdeck/pgdeck/advise/migration"
	"github.com/pgdeck/pgdeck/db"
	"github.com/pgdeck/pgdeck/finding"
)

// View is what the Migrations pane and `pgdeck migrate status` show: the
// folder compared with its history, every history table found, and the
// lint findings of each file.
type View struct {
	Dir       string    `json:"dir"`
	Warnings  []string  `json:"warnings"`
	Histories []History `json:"histories"`
	Status
	// Findings are the lint findings per version (pending files linted
	// against the live catalog).
	Findings map[string][]migration.Finding `json:"findings"`
	// LintErrors are files that did not parse.
	LintErrors []string `json:"lint_errors"`
}

// Dangerous reports whether a version's file has an error-level finding.
func (v View) Dangerous(version string) bool {
	for _, f := range v.Findings[version] {
		if f.Severity == finding.Error {
			return true
		}
	}
	return false
}

// LoadView reads the histories and builds the view of folder, linting
// the pending files against the live catalog.
func LoadView(ctx context.Context, d *db.DB, folder Folder) (View, error) {
	return LoadViewOptions(ctx, d, folder, migration.Options{})
}

// LoadViewOptions is LoadView with lint options (throughputs, the
// maintenance-window threshold); their Facts are replaced by live ones.
func LoadViewOptions(ctx context.Context, d *db.DB, folder Folder, lo migration.Options) (View, error) {
	v := View{Dir: folder.Dir, Warnings: append([]string{}, folder.Warnings...), Findings: map[string][]migration.Finding{}, LintErrors: []string{}}
	err := d.Read(ctx, func(q db.Querier) error {
		hs, err := LoadHistories(ctx, q)
		if err != nil {
			return err
		}
		v.Histories = hs
		if v.Histories == nil {
			v.Histories = []History{}
		}
		v.Status = Compare(folder, Pick(hs, folder))
		var pending []migration.Source
		for _, e := range v.Entries {
			if src, ok := sourceOf(e); ok && e.State == Pending {
				pending = append(pending, src)
			}
		}
		live, err := LoadFacts(ctx, q, pending)
		if err != nil {
			return err
		}
		for _, e := range v.Entries {
			src, ok := sourceOf(e)
			if !ok {
				continue
			}
			o := lo
			o.Facts = nil
			if e.State == Pending {
				o.Facts = live
			}
			fs, err := migration.LintSource(src, o)
			if err != nil {
				v.LintErrors = append(v.LintErrors, err.Error())
				continue
			}
			v.Findings[e.Version] = fs
		}
		return nil
	})
	if err != nil {
		return View{}, fmt.Errorf("migration status: %w", err)
	}
	return v, nil
}

func sourceOf(e Entry) (migration.Source, bool) {
	if e.File == nil {
		return migration.Source{}, false
	}
	return Source(*e.File)
}

// Text renders the view for the terminal, one line per migration.
func (v View) Text() string {
	var b strings.Builder
	b.WriteString(v.History.Describe() + "\n")
	for _, h := range v.Histories {
		if v.History == nil || h.Found != v.History.Found {
			fmt.Fprintf(&b, "also found: %s\n", h.Describe())
		}
	}
	if v.Dir != "" {
		fmt.Fprintf(&b, "folder %s\n", v.Dir)
	}
	for _, w := range v.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	for _, e := range v.Entries {
		fmt.Fprintf(&b, "  %-8s %-16s %s", e.State, e.Version, e.Name)
		if r := e.Record; r != nil && (e.State == Applied || e.State == Changed || e.State == Dirty || e.State == Failed) {
			if r.AppliedAt != nil {
				fmt.Fprintf(&b, "  %s", r.AppliedAt.Format(time.DateTime))
			}
			if r.DurationMS != nil {
				fmt.Fprintf(&b, "  %.1f ms", *r.DurationMS)
			}
			if r.AppliedBy != nil {
				fmt.Fprintf(&b, "  by %s", *r.AppliedBy)
			}
		}
		if e.File != nil && e.File.NoTx {
			b.WriteString("  [no transaction]")
		}
		if e.State == Pending && v.Dangerous(e.Version) {
			b.WriteString("  DANGEROUS: " + strings.Join(rules(v.Findings[e.Version]), ", "))
		}
		b.WriteByte('\n')
		if e.State == Pending {
			writeImpacts(&b, v.Findings[e.Version])
		}
	}
	fmt.Fprintf(&b, "%d applied, %d pending", v.Count(Applied), v.Count(Pending))
	for _, s := range []State{Dirty, Failed, Changed, Missing} {
		if n := v.Count(s); n > 0 {
			fmt.Fprintf(&b, ", %d %s", n, s)
		}
	}
	b.WriteByte('\n')
	for _, e := range v.LintErrors {
		fmt.Fprintf(&b, "cannot lint: %s\n", e)
	}
	return b.String()
}

// writeImpacts writes, once per statement, what the live facts say about
// the statements of a pending file that work on a whole table.
func writeImpacts(b *strings.Builder, fs []migration.Finding) {
	said := map[int]bool{}
	for _, f := range fs {
		if f.EstimatedLockSeconds == nil || said[f.Line] {
			continue
		}
		said[f.Line] = true
		fmt.Fprintf(b, "      line %d: %s\n", f.Line, f.Impact)
	}
}

func rules(fs []migration.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == finding.Error {
			out = append(out, f.Rule)
		}
	}
	return out
}
