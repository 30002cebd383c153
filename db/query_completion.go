package db

import (
	"context"
	"fmt"
)

// Completions are the names the Query editor offers to complete, read
// from the catalog in one query.
type Completions struct {
	Keywords  []string
	Schemas   []string
	Relations []CompletionRelation
	Functions []CompletionName
}

// CompletionName is a schema-qualified name; Visible says the search_path
// reaches it without the schema.
type CompletionName struct {
	Schema, Name string
	Visible      bool
}

// CompletionRelation is a table, view or materialized view with its
// columns in order.
type CompletionRelation struct {
	CompletionName
	Columns []string
}

// Completions reads keywords, schemas, relations with their columns, and
// functions, with the diagnostic timeouts.
func (d *DB) Completions(ctx context.Context) (*Completions, error) {
	var c *Completions
	err := d.Read(ctx, func(q Querier) error {
		var err error
		c, err = loadCompletions(ctx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load completions: %w", err)
	}
	return c, nil
}

func loadCompletions(ctx context.Context, q Querier) (*Completions, error) {
	rows, err := q.Query(ctx, query("query_completion"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	c := &Completions{}
	rel := map[[2]string]int{} // schema, name → index in Relations
	var kind, schema, name, parent string
	var visible bool
	var ord int16
	for rows.Next() {
		if err := rows.Scan(&kind, &schema, &name, &parent, &visible, &ord); err != nil {
			return nil, err
		}
		n := CompletionName{Schema: schema, Name: name, Visible: visible}
		switch kind {
		case "k":
			c.Keywords = append(c.Keywords, name)
		case "s":
			c.Schemas = append(c.Schemas, name)
		case "r":
			rel[[2]string{schema, name}] = len(c.Relations)
			c.Relations = append(c.Relations, CompletionRelation{CompletionName: n})
		case "c":
			// Rows are ordered so relations come before their columns.
			if i, ok := rel[[2]string{schema, parent}]; ok {
				c.Relations[i].Columns = append(c.Relations[i].Columns, name)
			}
		case "f":
			c.Functions = append(c.Functions, n)
		}
	}
	return c, rows.Err()
}
