package schema

import (
	"testing"

	"github.com/pgdeck/pgdeck/catalog"
)

func fkTo(col, table string) catalog.Constraint {
	return catalog.Constraint{Name: col + "_fkey", Type: catalog.ForeignKey, Columns: []string{col},
		References: &catalog.Key{Schema: "public", Name: table}, RefColumns: []string{"id"}, Local: true, Validated: true}
}

func relWith(name string, cols []string, cons ...catalog.Constraint) *catalog.Relation {
	r := &catalog.Relation{Name: name, Constraints: cons}
	for _, c := range cols {
		r.Columns = append(r.Columns, catalog.Column{Name: c})
	}
	return r
}

// TestJunctionNeedsLinkNames: two foreign keys and a few columns do not
// make a link table when a key names a role (a comment's author), which
// the demo's comments table showed as a false positive.
func TestJunctionNeedsLinkNames(t *testing.T) {
	cases := []struct {
		r    *catalog.Relation
		want bool
	}{
		{relWith("memberships", []string{"organization_id", "user_id", "role", "created_at"}, fkTo("organization_id", "organizations"), fkTo("user_id", "users")), true},
		{relWith("task_tags", []string{"task_id", "tag_id"}, fkTo("task_id", "tasks"), fkTo("tag_id", "tags")), true},
		{relWith("project_categories", []string{"project_id", "cat"}, fkTo("project_id", "projects"), fkTo("cat", "categories")), true},
		{relWith("comments", []string{"id", "task_id", "author_id", "body", "created_at", "updated_at"}, fkTo("task_id", "tasks"), fkTo("author_id", "users")), false},
		{relWith("transfers", []string{"from_account", "to_account", "amount"}, fkTo("from_account", "accounts"), fkTo("to_account", "accounts")), false},
	}
	for _, c := range cases {
		var fks []*catalog.Constraint
		for i := range c.r.Constraints {
			fks = append(fks, &c.r.Constraints[i])
		}
		if got := isJunction(c.r, fks); got != c.want {
			t.Errorf("isJunction(%s) = %v, want %v", c.r.Name, got, c.want)
		}
	}
	for in, want := range map[string]string{"users": "user", "categories": "category", "addresses": "address", "boxes": "box", "class": "class"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%s) = %s, want %s", in, got, want)
		}
	}
}
