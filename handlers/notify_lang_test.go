package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"roviec/models"
)

// The notifications page tells an extension refused and an explanation
// request in each reader's language (BTTTT's focal point reads Vietnamese,
// a second one English), the committee's reason as typed; the API gives the
// event and its date beside the typed note.
func TestNotificationsInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	en, err := e.store.CreateUser(context.Background(), models.NewUser{Email: "focal.en@test.vn", Name: "Focal EN",
		Role: models.RoleFocal, AgencyCode: "BTTTT", Language: "en", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	e.users["en"] = en
	a := e.pageAssignment("BTTTT")
	var ext struct{ ID uint }
	rec := e.requestExtension(e.token("focal"), a.ID, map[string]string{"new_due": "30/04/2023", "reason": "Chờ số liệu"})
	expectStatus(t, rec, http.StatusCreated)
	decode(t, rec, &ext)
	expectStatus(t, e.decide(e.token("coordinator"), ext.ID, map[string]any{"approve": false, "note": "Chưa đủ <căn cứ>"}), http.StatusOK)
	// The pass of 14/04/2023 asks BTTTT to explain its long-overdue Q1 work.
	if _, err := e.app.RunPass(context.Background(), time.Date(2023, 4, 14, 1, 0, 0, 0, time.UTC), false); err != nil {
		t.Fatal(err)
	}

	viPage, enPage := newBrowser(e), newBrowser(e)
	viPage.login("focal")
	enPage.login("en")
	due := a.DueOn.VN()
	expectPage(t, viPage.get("/notifications"), "Không đồng ý gia hạn đến 30/04/2023 — Chưa đủ &lt;căn cứ&gt;",
		"Nhiệm vụ quá hạn "+due+" đã lâu, cơ quan cần giải trình.")
	body := enPage.get("/notifications").Body.String()
	for _, want := range []string{"Extension to 30/04/2023 refused — Chưa đủ &lt;căn cứ&gt;",
		"The task was due on " + due + " and is long overdue: your agency must explain why."} {
		if !strings.Contains(body, want) {
			t.Errorf("the English reader's notifications lack %q", want)
		}
	}
	if strings.Contains(body, "gia hạn đến") || strings.Contains(body, "cần giải trình") {
		t.Errorf("the English reader's notifications are in Vietnamese:\n%s", body)
	}

	var list struct {
		Items []struct {
			Kind, Note, Event string
			EventDate         *string `json:"event_date"`
		} `json:"items"`
	}
	decode(t, e.do(http.MethodGet, "/api/v1/notifications", e.token("en"), nil), &list)
	found := false
	for _, n := range list.Items {
		if n.Kind == "extension_decided" {
			found = n.Event == "extension_rejected" && n.Note == "Chưa đủ <căn cứ>" && n.EventDate != nil && *n.EventDate == "2023-04-30"
		}
	}
	if !found {
		t.Errorf("the API's extension decision: %+v", list.Items)
	}
}
