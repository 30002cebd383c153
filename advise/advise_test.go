package advise

import (
	"slices"
	"testing"

	"github.com/pgdeck/pgdeck/finding"
)

func TestMoneyName(t *testing.T) {
	for name, want := range map[string]bool{
		"price": true, "unit_price": true, "totalAmount": true, "TAX": true, "salary": true,
		"late_fee": true, "order_total": true, "revenue_usd": true,
		"name": false, "priceless_art": false, "taxonomy": false, "id": false, "costume": false, "": false,
	} {
		if got := MoneyName(name); got != want {
			t.Errorf("MoneyName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestKeyName(t *testing.T) {
	for name, want := range map[string]bool{
		"id": true, "user_id": true, "userId": true, "ID": true,
		"idea": false, "paid": false, "name": false, "": false,
	} {
		if got := KeyName(name); got != want {
			t.Errorf("KeyName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestNormalizeType(t *testing.T) {
	for in, want := range map[string]string{
		"integer": "int4", "pg_catalog.int4": "int4", "INT": "int4",
		"character varying(20)": "varchar", "double precision": "float8",
		"timestamp(3) without time zone": "timestamp", "timestamp with time zone": "timestamptz",
		"pg_catalog.timestamptz": "timestamptz", "serial8": "bigserial", "text[]": "text",
		"public.mood": "public.mood",
	} {
		if got := NormalizeType(in); got != want {
			t.Errorf("NormalizeType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnTypeAdvice(t *testing.T) {
	cases := []struct {
		name, typ string
		mods      []int32
		want      []string
	}{
		{"price", "double precision", nil, []string{"float-money"}},
		{"ratio", "float8", nil, nil},
		{"created_at", "timestamp without time zone", nil, []string{"timestamp-without-tz"}},
		{"created_at", "timestamptz", nil, nil},
		{"email", "character varying", []int32{255}, []string{"varchar-length"}},
		{"email", "varchar", nil, nil},
		{"code", "char", []int32{2}, []string{"char-type"}},
		{"id", "serial", nil, []string{"serial-not-identity"}},
		{"doc", "json", nil, []string{"json-not-jsonb"}},
		{"doc", "jsonb", nil, nil},
	}
	for _, c := range cases {
		var got []string
		for _, a := range ColumnTypeAdvice(c.name, c.typ, c.mods) {
			got = append(got, a.Rule)
			if _, ok := finding.Lookup(a.Rule); !ok {
				t.Errorf("%s: rule %q not registered", c.typ, a.Rule)
			}
			if a.Better == "" || a.Message == "" {
				t.Errorf("%s: empty advice %+v", c.typ, a)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("ColumnTypeAdvice(%q, %q) = %v, want %v", c.name, c.typ, got, c.want)
		}
	}
}
