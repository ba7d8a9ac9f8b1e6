package loadtest

import (
	"strings"
	"testing"
	"time"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestPercentileIsTheNearestRank(t *testing.T) {
	hundred := make([]time.Duration, 100) // 1 ms ... 100 ms
	for i := range hundred {
		hundred[i] = ms(i + 1)
	}
	for _, c := range []struct {
		name   string
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{"none", nil, 95, 0},
		{"one", []time.Duration{ms(7)}, 50, ms(7)},
		{"one p99", []time.Duration{ms(7)}, 99, ms(7)},
		{"p50 of 100", hundred, 50, ms(50)},
		{"p95 of 100", hundred, 95, ms(95)},
		{"p99 of 100", hundred, 99, ms(99)},
		{"p100 of 100", hundred, 100, ms(100)},
		{"p50 of 4 is the 2nd", []time.Duration{ms(1), ms(2), ms(3), ms(4)}, 50, ms(2)},
		{"p95 of 4 is the 4th", []time.Duration{ms(1), ms(2), ms(3), ms(4)}, 95, ms(4)},
		{"p50 of 3 is the 2nd", []time.Duration{ms(1), ms(2), ms(3)}, 50, ms(2)},
	} {
		if got := percentile(c.sorted, c.p); got != c.want {
			t.Errorf("%s: percentile(%d) = %s, want %s", c.name, c.p, got, c.want)
		}
	}
}

func TestSummariseMergesClientsAndSorts(t *testing.T) {
	var all tally
	all.add(tally{latencies: []time.Duration{ms(30), ms(10)}, errors: 1, firstError: "404 Not Found"})
	all.add(tally{latencies: []time.Duration{ms(20), ms(40)}, stale: 1, firstError: "500 Internal Server Error"})
	s := summarise("/league", all, 2*time.Second)
	want := Stats{Target: "/league", Requests: 4, Errors: 1, Stale: 1, Elapsed: 2 * time.Second,
		P50: ms(20), P95: ms(40), P99: ms(40), Max: ms(40), FirstError: "404 Not Found"}
	if s != want {
		t.Fatalf("got %+v\nwant %+v", s, want)
	}
	if s.PerSecond() != 2 || s.Succeeded() != 2 {
		t.Fatalf("rate %v, succeeded %d", s.PerSecond(), s.Succeeded())
	}
}

func TestRecordCountsStaleConflictsOnlyForWrites(t *testing.T) {
	var read, write tally
	for _, status := range []int{200, 303, 409, 404} {
		read.record(status, nil, false)
		write.record(status, nil, true)
	}
	if read.errors != 2 || read.stale != 0 || read.firstError != "409 Conflict" {
		t.Fatalf("read: %+v", read)
	}
	if write.errors != 1 || write.stale != 1 || write.firstError != "404 Not Found" {
		t.Fatalf("write: %+v", write)
	}
}

func TestWriteTable(t *testing.T) {
	r := &Report{Writers: 16,
		Reads: []Stats{{Target: "/league", Requests: 40, Elapsed: 2 * time.Second, P50: ms(12), P95: 25400 * time.Microsecond,
			P99: ms(31), Max: ms(45), Errors: 1}},
		Write: &Stats{Target: writeTarget, Requests: 110, Stale: 5, Errors: 5, Elapsed: 2 * time.Second,
			P50: ms(3), P95: ms(9), P99: ms(12), Max: ms(20)},
	}
	var b strings.Builder
	if err := WriteTable(&b, r); err != nil {
		t.Fatal(err)
	}
	want := "| target | requests | req/s | p50 | p95 | p99 | max | errors |\n" +
		"|---|---:|---:|---:|---:|---:|---:|---:|\n" +
		"| `/league` | 40 | 20.0 | 12.0 ms | 25.4 ms | 31.0 ms | 45.0 ms | 1 |\n" +
		"| `PATCH /api/v1/assignments/{id}` | 110 | 55.0 | 3.0 ms | 9.0 ms | 12.0 ms | 20.0 ms | 5 |\n" +
		"\nwrites: 50.0 updates/s (100 in 2.0 s by 16 clients), 5 stale conflicts (409), 5 errors\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestParseSizes(t *testing.T) {
	got, err := ParseSizes("10000, 1_000_000")
	if err != nil || len(got) != 2 || got[0] != 10_000 || got[1] != 1_000_000 {
		t.Fatalf("got %v, %v", got, err)
	}
	for _, bad := range []string{"", "ten", "5000"} {
		if _, err := ParseSizes(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestRemindMomentIsTheLastMondayAtEight(t *testing.T) {
	got := remindMoment(time.Date(2023, time.June, 1, 0, 0, 0, 0, time.UTC)).Format(time.RFC3339)
	if got != "2023-06-26T08:00:00+07:00" {
		t.Fatalf("got %s", got)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1317: "1,317", 1_000_000: "1,000,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %s, want %s", n, got, want)
		}
	}
}
