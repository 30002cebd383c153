package db

import (
	"fmt"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/pgdeck/pgdeck/internal/pgq"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// readOnlySettings are the settings whose change would let later
// statements write.
var readOnlySettings = map[string]bool{
	"default_transaction_read_only": true,
	"transaction_read_only":         true,
}

// ReadOnlyRefusal says why sql must not run on a read-only console, or
// returns nil. It decides on PostgreSQL's own parse tree; text that does
// not parse is left to the server (which runs it inside pgdeck's
// READ ONLY transaction).
func ReadOnlyRefusal(sql string) error {
	tree, err := pgq.Parse(sql)
	if err != nil {
		return nil
	}
	for _, s := range tree.Stmts {
		if why := refusal(s.Stmt); why != "" {
			return fmt.Errorf("refused in read-only mode: %s; restart pgdeck with --read-write to allow it", why)
		}
	}
	return nil
}

func refusal(n *pg_query.Node) string {
	switch s := n.Node.(type) {
	case *pg_query.Node_TransactionStmt:
		switch s.TransactionStmt.Kind {
		case pg_query.TransactionStmtKind_TRANS_STMT_BEGIN, pg_query.TransactionStmtKind_TRANS_STMT_START:
			if readWriteOption(s.TransactionStmt.Options) {
				return "a READ WRITE transaction"
			}
		case pg_query.TransactionStmtKind_TRANS_STMT_PREPARE,
			pg_query.TransactionStmtKind_TRANS_STMT_COMMIT_PREPARED,
			pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK_PREPARED:
			return "two-phase commit changes server state"
		}
	case *pg_query.Node_VariableSetStmt:
		v := s.VariableSetStmt
		switch {
		case v.Kind == pg_query.VariableSetKind_VAR_RESET_ALL:
			return "RESET ALL resets default_transaction_read_only"
		case readOnlySettings[strings.ToLower(v.Name)]:
			return "changing " + v.Name
		case v.Kind == pg_query.VariableSetKind_VAR_SET_MULTI && readWriteOption(v.Args):
			return "SET " + v.Name + " READ WRITE"
		}
	case *pg_query.Node_DiscardStmt:
		if s.DiscardStmt.Target == pg_query.DiscardMode_DISCARD_ALL {
			return "DISCARD ALL resets default_transaction_read_only"
		}
	case *pg_query.Node_CopyStmt:
		if s.CopyStmt.IsProgram {
			return "COPY … PROGRAM runs a command on the server"
		}
	case *pg_query.Node_DoStmt:
		return "a DO block can change read-only settings dynamically"
	}
	if classifyNode(n).noTx {
		return "the statement cannot run inside a READ ONLY transaction"
	}
	if name, ok := setConfigCall(n.ProtoReflect()); ok {
		if name == "" {
			return "set_config() with a name that is not a constant"
		}
		return "set_config() of " + name
	}
	return ""
}

// readWriteOption reports whether transaction options ask for READ WRITE.
func readWriteOption(opts []*pg_query.Node) bool {
	for _, o := range opts {
		d := o.GetDefElem()
		if d == nil || d.Defname != "transaction_read_only" {
			continue
		}
		if c := d.Arg.GetAConst(); c != nil && c.GetIval() != nil && c.GetIval().Ival == 0 {
			return true
		}
	}
	return false
}

// setConfigCall walks every message under m for a set_config call whose
// name is a read-only setting ("" when the name is not a constant).
func setConfigCall(m protoreflect.Message) (string, bool) {
	if fc, ok := m.Interface().(*pg_query.FuncCall); ok && isSetConfig(fc) {
		if len(fc.Args) == 0 {
			return "", true
		}
		a := fc.Args[0]
		if tc := a.GetTypeCast(); tc != nil {
			a = tc.Arg
		}
		c := a.GetAConst()
		if c == nil || c.GetSval() == nil {
			return "", true
		}
		if name := strings.ToLower(strings.TrimSpace(c.GetSval().Sval)); readOnlySettings[name] {
			return name, true
		}
	}
	var name string
	var found bool
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		if fd.IsList() {
			l := v.List()
			for i := 0; i < l.Len() && !found; i++ {
				name, found = setConfigCall(l.Get(i).Message())
			}
		} else if !fd.IsMap() {
			name, found = setConfigCall(v.Message())
		}
		return !found
	})
	return name, found
}

func isSetConfig(fc *pg_query.FuncCall) bool {
	if len(fc.Funcname) == 0 {
		return false
	}
	s := fc.Funcname[len(fc.Funcname)-1].GetString_()
	return s != nil && strings.EqualFold(s.Sval, "set_config")
}
