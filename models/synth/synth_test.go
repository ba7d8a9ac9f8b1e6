package synth

import (
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"roviec/models"
)

// recorder keeps what Generate hands over and checks that every row comes
// after its parent.
type recorder struct {
	t           *testing.T
	assignments []models.Assignment
	history     map[uint][]models.Update
	other       int
}

func (r *recorder) AddAgency(*models.Agency) error                  { r.other++; return nil }
func (r *recorder) AddUser(*models.User) error                      { r.other++; return nil }
func (r *recorder) AddPlan(*models.Plan) error                      { r.other++; return nil }
func (r *recorder) AddTheme(*models.Theme) error                    { r.other++; return nil }
func (r *recorder) AddDirective(*models.Directive) error            { r.other++; return nil }
func (r *recorder) AddExtension(*models.Extension) error            { r.other++; return nil }
func (r *recorder) AddExplanation(*models.ExplanationRequest) error { r.other++; return nil }
func (r *recorder) AddOutbox(*models.OutboxMessage) error           { r.other++; return nil }
func (r *recorder) AddReminderLog(*models.ReminderLog) error        { r.other++; return nil }

func (r *recorder) AddAssignment(a *models.Assignment) error {
	r.assignments = append(r.assignments, *a)
	return nil
}

func (r *recorder) AddUpdate(u *models.Update) error {
	if n := len(r.assignments); n == 0 || r.assignments[n-1].ID != u.AssignmentID {
		r.t.Fatalf("history row %d handed before its assignment %d", u.ID, u.AssignmentID)
	}
	r.history[u.AssignmentID] = append(r.history[u.AssignmentID], *u)
	return nil
}

func config(t *testing.T, agencies, directives int, updates float64) Config {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return Config{Agencies: agencies, Directives: directives, Updates: updates, Plans: 3, Seed: 11,
		Password: "roviec-load-123", Location: loc}
}

// TestStoriesReplayAndAverage plays a programme of 300 agencies and 300
// directives: every history replays (pure core) to the final row, the
// history rows average the asked number, and every timeliness class occurs
// at the moment the programme stands.
func TestStoriesReplayAndAverage(t *testing.T) {
	for _, k := range []float64{3, 4.5, 8} {
		cfg := config(t, 300, 300, k)
		r := &recorder{t: t, history: map[uint][]models.Update{}}
		sum, err := Generate(cfg, r)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, a := range r.assignments {
			if got := models.Replay(a, r.history[a.ID], cfg.Location); got != a {
				t.Fatalf("assignment %d replays to\n%+v\nnot\n%+v", a.ID, got, a)
			}
			info := models.ClassifyTimeliness(&a, cfg.Moment(), cfg.Location)
			seen[string(info.Class)]++
			if info.DueSoon {
				seen["due_soon"]++
			}
		}
		avg := float64(sum.Updates) / float64(sum.Assignments)
		if avg < 0.95*k || avg > 1.05*k {
			t.Errorf("--updates %g: %d rows for %d assignments, %.2f each", k, sum.Updates, sum.Assignments, avg)
		}
		for _, c := range []string{"done_on_time", "done_late", "open_on_track", "open_overdue", "due_soon", ""} {
			if seen[c] == 0 {
				t.Errorf("--updates %g: no assignment is %q at the moment: %v", k, c, seen)
			}
		}
	}
}

// TestMillionAssignments checks the tuning of the audiences: 3,393 agencies
// and 2,919 directives make 0.95 to 1.05 million assignments, whatever the seed.
func TestMillionAssignments(t *testing.T) {
	for seed := range uint64(5) {
		cfg := config(t, 3393, 2919, 3)
		g := &generator{cfg: cfg, agencies: make([]agency, cfg.Agencies)}
		g.rng = newRand(seed)
		g.kinds = g.audienceMix(cfg.Directives)
		total := 0
		for g.ids.directive = 1; g.ids.directive <= uint(cfg.Directives); g.ids.directive++ {
			total += len(g.audience())
		}
		if total < 950_000 || total > 1_050_000 {
			t.Errorf("seed %d: %d assignments", seed, total)
		}
	}
}

// TestPasswordHash checks the repeatable bcrypt hash against bcrypt itself.
func TestPasswordHash(t *testing.T) {
	h1, err := passwordHash("roviec-load-123", 1)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := passwordHash("roviec-load-123", 1)
	h3, _ := passwordHash("roviec-load-123", 2)
	if h1 != h2 || h1 == h3 {
		t.Errorf("the hash must follow the seed: %s %s %s", h1, h2, h3)
	}
	if bcrypt.CompareHashAndPassword([]byte(h1), []byte("roviec-load-123")) != nil ||
		bcrypt.CompareHashAndPassword([]byte(h1), []byte("roviec-load-124")) == nil {
		t.Errorf("bcrypt must accept the password and only it: %s", h1)
	}
	if cost, err := bcrypt.Cost([]byte(h1)); err != nil || cost != bcrypt.DefaultCost {
		t.Errorf("cost %d, %v", cost, err)
	}
}
