package synth

import (
	"fmt"
	"strings"
	"time"

	"roviec/models"
)

// agency is an agency with its focal point and the staff who may be named
// responsible for its assignments.
type agency struct {
	models.Agency
	focal models.User
	staff [3]person
}

// person is someone who may be named on an assignment.
type person struct{ name, email string }

// ministryCount is how many of n agencies are ministries: about 30, and at
// least one province.
func ministryCount(n int) int {
	return min(len(ministries()), (n+1)/2)
}

// people makes the agencies (ministries first, then provinces; seven in ten
// with a named leader) and the users: an administrator, a coordinator, a
// viewer and one focal point per agency, all with the one password hash.
func (g *generator) people() error {
	hash, err := passwordHash(g.cfg.Password, g.cfg.Seed)
	if err != nil {
		return err
	}
	created := time.Date(FirstYear, time.January, 2, 8, 0, 0, 0, g.loc).UTC()
	user := func(id uint, email, name string, role models.Role) models.User {
		return models.User{ID: id, Email: email, Name: name, Role: role, Language: "vi", Active: true,
			PasswordHash: hash, CreatedAt: created, UpdatedAt: created}
	}
	admin := user(1, "admin@"+Domain, "Quản trị hệ thống", models.RoleAdmin)
	g.coord = user(2, "coordinator@"+Domain, "Điều phối Ban Chỉ đạo", models.RoleCoordinator)
	viewer := user(3, "viewer@"+Domain, "Theo dõi", models.RoleViewer)
	g.agencies = make([]agency, g.cfg.Agencies)
	ms, taken := ministries()[:ministryCount(g.cfg.Agencies)], map[string]bool{}
	for i := range g.agencies {
		a := &g.agencies[i]
		a.Agency = g.agencyAt(i, ms, taken)
		id := a.ID
		a.focal = user(3+id, "focal."+strings.ToLower(a.Code)+"@"+Domain, personName(g.rng), models.RoleFocal)
		a.focal.AgencyID = &id
		for k := range a.staff {
			name := personName(g.rng)
			a.staff[k] = person{name, slug(name) + "." + strings.ToLower(a.Code) + "@" + Domain}
		}
		if err := g.sink.AddAgency(&a.Agency); err != nil {
			return err
		}
		g.sum.Agencies++
	}
	for _, u := range []*models.User{&admin, &g.coord, &viewer} {
		if err := g.addUser(u); err != nil {
			return err
		}
		g.sum.Staff = append(g.sum.Staff, u.Email)
	}
	for i := range g.agencies {
		if err := g.addUser(&g.agencies[i].focal); err != nil {
			return err
		}
		g.sum.Focal = append(g.sum.Focal, g.agencies[i].focal.Email)
	}
	return nil
}

// agencyAt is the i-th agency: one of the ministries ms, or a province with
// a synthetic code (T0001 ...) and a name not taken; the first five
// provinces are cities.
func (g *generator) agencyAt(i int, ms [][3]string, taken map[string]bool) models.Agency {
	a := models.Agency{ID: uint(i + 1), Active: true}
	if i < len(ms) {
		m := ms[i]
		a.Code, a.Name, a.NameEN, a.Kind, a.Group = m[0], m[1], m[2], models.KindMinistry, "ministry"
	} else {
		p := i - len(ms)
		a.Code, a.Name, a.Kind, a.Group = fmt.Sprintf("T%04d", p+1), placeName(g.rng, taken), models.KindProvince, "province"
		a.NameEN = ascii(a.Name) + " Province"
		if p < 5 {
			a.Group, a.NameEN = "city", ascii(a.Name)+" City"
		}
	}
	if g.rng.IntN(10) < 7 {
		a.LeaderName = personName(g.rng)
		a.LeaderEmail = "lanhdao." + strings.ToLower(a.Code) + "@" + Domain
	}
	a.RefreshSearchKey()
	return a
}

// addUser hands a user to the sink and counts it.
func (g *generator) addUser(u *models.User) error {
	g.sum.Users++
	return g.sink.AddUser(u)
}
