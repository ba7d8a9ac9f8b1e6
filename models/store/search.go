package store

import (
	"roviec/models"
	"strings"
)

// likeEscaper makes the LIKE wildcards of a user's query literal.
var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

// searchKeyLike is the condition and pattern that find the text q in a
// search_key column (see Fold): case, diacritics and Unicode form do not
// matter, and % or _ in q match only themselves.
func searchKeyLike(column, q string) (string, string) {
	return column + ` LIKE ? ESCAPE '\'`, "%" + likeEscaper.Replace(models.Fold(q)) + "%"
}
