// Package advise holds the heuristics the schema advisor (advise/schema)
// and the migration linter (advise/migration) share, so that one concern —
// money kept in a float, a timestamp without time zone — is decided the
// same way and reported under the same rule id whichever of them sees it.
//
// Everything here is pure: plain strings in, booleans and findings out.
package advise

import (
	"strings"
)

// moneyWords are the name parts that say a column holds an amount of money.
var moneyWords = map[string]bool{
	"price": true, "prices": true, "amount": true, "amounts": true, "cost": true, "costs": true,
	"total": true, "subtotal": true, "balance": true, "budget": true, "fee": true, "fees": true,
	"salary": true, "wage": true, "wages": true, "tax": true, "vat": true, "revenue": true,
	"income": true, "payment": true, "paid": true, "refund": true, "discount": true,
	"charge": true, "credit": true, "debit": true, "money": true, "cash": true, "invoice": true,
	"usd": true, "eur": true, "gbp": true, "cents": true, "pay": true, "profit": true,
	"spend": true, "fare": true, "tip": true, "rent": true, "deposit": true,
}

// MoneyName reports whether a column name says it holds money: one of its
// words (split at underscores and case changes) is price, amount, cost,
// total, balance, budget, fee, salary, wage, tax, revenue and the like.
func MoneyName(name string) bool {
	for _, w := range nameWords(name) {
		if moneyWords[w] {
			return true
		}
	}
	return false
}

// KeyName reports whether a column name says it is a key: id, or ending
// in _id / Id (user_id, userId).
func KeyName(name string) bool {
	ws := nameWords(name)
	return len(ws) > 0 && ws[len(ws)-1] == "id"
}

// nameWords splits an identifier into lower-case words at underscores,
// spaces, hyphens and lower→upper case changes (totalPrice → total, price).
func nameWords(name string) []string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, strings.ToLower(cur.String()))
			cur.Reset()
		}
	}
	prevLower := false
	for _, r := range name {
		switch {
		case r == '_' || r == ' ' || r == '-' || r == '.':
			flush()
			prevLower = false
			continue
		case r >= 'A' && r <= 'Z' && prevLower:
			flush()
		}
		cur.WriteRune(r)
		prevLower = (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
	}
	flush()
	return words
}
