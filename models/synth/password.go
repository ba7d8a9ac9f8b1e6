package synth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"

	"golang.org/x/crypto/bcrypt"
	//lint:ignore SA1019 bcrypt is built on Blowfish; this is bcrypt with the salt as an input
	"golang.org/x/crypto/blowfish"
)

// passwordHash is the bcrypt hash (cost bcrypt.DefaultCost, what the store
// uses) of password with a salt taken from the seed, so that the same seed
// gives the same database. bcrypt.GenerateFromPassword draws its salt from
// crypto/rand and cannot be made repeatable; this is the same algorithm
// (golang.org/x/crypto/bcrypt's, on its blowfish package) with the salt as an
// input, and bcrypt.CompareHashAndPassword accepts what it makes (a test
// checks it). It runs once: every generated user shares the hash.
func passwordHash(password string, seed uint64) (string, error) {
	enc := base64.NewEncoding("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789").WithPadding(base64.NoPadding)
	sum := sha256.Sum256(binary.BigEndian.AppendUint64([]byte("roviec gen salt "), seed))
	salt := sum[:16]
	key := append([]byte(password), 0) // C bcrypt's trailing NUL, as x/crypto keeps it
	c, err := blowfish.NewSaltedCipher(key, salt)
	if err != nil {
		return "", err
	}
	for range 1 << bcrypt.DefaultCost {
		blowfish.ExpandKey(key, c)
		blowfish.ExpandKey(salt, c)
	}
	data := []byte("OrpheanBeholderScryDoubt")
	for i := 0; i < len(data); i += 8 {
		for range 64 {
			c.Encrypt(data[i:i+8], data[i:i+8])
		}
	}
	// Only 23 of the 24 encrypted bytes are encoded, as every bcrypt does.
	return fmt.Sprintf("$2a$%02d$%s%s", bcrypt.DefaultCost, enc.EncodeToString(salt), enc.EncodeToString(data[:23])), nil
}
