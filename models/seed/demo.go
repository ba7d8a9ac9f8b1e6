package seed

import (
	"context"
	"fmt"
	"hash/fnv"
	"roviec/models"
	"roviec/models/store"
	"strings"
	"time"
	"unicode"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
)

// DemoCredential is a demo account's login, printed once when it is created.
type DemoCredential struct {
	Email    string
	Role     models.Role
	Password string
}

// demoDomain holds every invented address of the demo, so none is real.
const demoDomain = "demo.roviec.vn"

// SeedDemo loads the illustrative data of demo mode on top of the built-in
// 2023 programme: a demo coordinator, a demo viewer and one focal point per
// agency (their random passwords are returned, to be printed once), leaders
// for some agencies, and the progress of the assignments told as a history
// of updates dated in 2023 (see demoStory), including the situation of
// 25/02/2023 in seed 002. Which agencies did what is invented, but fixed: the
// same data on every run. It all happens in one transaction, and it runs once:
// when the demo coordinator exists it does nothing and returns no credentials.
func SeedDemo(ctx context.Context, s *store.Store, loc *time.Location) ([]DemoCredential, error) {
	db := s.DB().WithContext(ctx)
	var n int64
	if err := db.Model(&models.User{}).Where("email = ?", "coordinator@"+demoDomain).Count(&n).Error; err != nil || n > 0 {
		return nil, err
	}
	var plan models.Plan
	if err := db.Where("year = ? AND name = ?", 2023, Programme2023Name).First(&plan).Error; err != nil {
		return nil, fmt.Errorf("demo data needs the built-in 2023 programme: %w", store.NotFound(err))
	}
	var agencies []models.Agency
	if err := db.Order("kind, code").Find(&agencies).Error; err != nil {
		return nil, err
	}
	// Hash the passwords before the transaction, so that it stays short.
	users, creds, err := demoUsers(s, agencies)
	if err != nil {
		return nil, err
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		// The unique e-mail index makes a concurrent second run fail here and roll back.
		if err := tx.Omit("Agency").CreateInBatches(users, 100).Error; err != nil {
			return err
		}
		if err := demoLeaders(tx, agencies); err != nil {
			return err
		}
		focal := map[uint]*models.User{}
		for i := range users[2:] {
			u := &users[2+i]
			focal[*u.AgencyID] = u
		}
		return demoProgress(tx, plan.ID, &users[0], focal, loc)
	})
	if err != nil {
		return nil, err
	}
	return creds, nil
}

// demoUsers builds the coordinator, the viewer and one focal point per agency
// (in this order), with fresh random passwords.
func demoUsers(s *store.Store, agencies []models.Agency) ([]models.User, []DemoCredential, error) {
	users := []models.User{
		{Email: "coordinator@" + demoDomain, Name: "Thư ký Ủy ban Quốc gia về chuyển đổi số (minh họa)", Role: models.RoleCoordinator},
		{Email: "viewer@" + demoDomain, Name: "Người theo dõi (minh họa)", Role: models.RoleViewer},
	}
	for i := range agencies {
		a := &agencies[i]
		name, _ := demoPerson(a.Code, "focal")
		users = append(users, models.User{Email: "focal." + strings.ToLower(a.Code) + "@" + demoDomain,
			Name: name, Role: models.RoleFocal, AgencyID: &a.ID})
	}
	creds := make([]DemoCredential, len(users))
	for i := range users {
		password := models.RandomToken(12)
		hash, err := bcrypt.GenerateFromPassword([]byte(password), s.PasswordCost)
		if err != nil {
			return nil, nil, err
		}
		users[i].Language, users[i].Active, users[i].PasswordHash = "vi", true, string(hash)
		creds[i] = DemoCredential{Email: users[i].Email, Role: users[i].Role, Password: password}
	}
	return users, creds, nil
}

// demoLeaders names the leader of three agencies in five (chosen by a fixed
// hash of the code), leaving alone any leader already recorded.
func demoLeaders(tx *gorm.DB, agencies []models.Agency) error {
	for _, a := range agencies {
		if a.LeaderName != "" || a.LeaderEmail != "" || demoHash(a.Code, "leader")%5 >= 3 {
			continue
		}
		name, _ := demoPerson(a.Code, "leader")
		err := tx.Model(&models.Agency{}).Where("id = ?", a.ID).Updates(map[string]any{
			"leader_name": name, "leader_email": "lanhdao." + strings.ToLower(a.Code) + "@" + demoDomain}).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// demoHash is a fixed hash (FNV-1a) of its parts: the demo's only source of
// variety, so that every run tells the same story.
func demoHash(parts ...string) uint32 {
	h := fnv.New32a()
	for _, p := range parts {
		_, _ = h.Write([]byte(p))
		_, _ = h.Write([]byte{0})
	}
	return h.Sum32()
}

// demoPerson invents a Vietnamese name for a role in an agency, and the
// ASCII form of its given and family names ("an.nguyen") for e-mail addresses.
func demoPerson(code, role string) (name, slug string) {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"}
	middle := []string{"Văn", "Thị", "Minh", "Quốc", "Thu", "Đức", "Thanh", "Hồng", "Ngọc", "Hữu"}
	given := []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hạnh", "Hùng", "Lan", "Linh",
		"Long", "Mai", "Nam", "Phương", "Quang", "Sơn", "Thảo", "Trang", "Tuấn", "Yến"}
	f := family[demoHash(code, role, "family")%uint32(len(family))]
	m := middle[demoHash(code, role, "middle")%uint32(len(middle))]
	g := given[demoHash(code, role, "given")%uint32(len(given))]
	return f + " " + m + " " + g, asciiFold(g) + "." + asciiFold(f)
}

// asciiFold lower-cases s and strips its Vietnamese diacritics ("Đặng" -> "dang").
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r == 'đ':
			b.WriteRune('d')
		case !unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
