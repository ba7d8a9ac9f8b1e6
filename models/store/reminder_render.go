package store

import "roviec/models"

// mailsAhead renders a pass's messages in order on a goroutine of its own,
// as if every key of each were new (as on the day's first pass), while the
// writer waits for the database: rendering is a third of a national pass's
// work, and on the other core it costs the pass no time. It stays at most a
// window of messages ahead of the writer, so that few rendered e-mails wait
// in memory.
type mailsAhead struct {
	msgs   []models.ReminderMessage
	render models.MailRenderer
	ready  []chan renderedMail // message i's e-mail, rendered ahead
	next   int                 // the first message the writer has not taken (the writer's alone)
	window chan struct{}       // a slot per e-mail rendered and not yet taken
	stop   chan struct{}
}

// renderWindow is how many e-mails the renderer may hold rendered ahead of
// the writer: enough to smooth the two out, few enough to weigh nothing.
const renderWindow = 50

type renderedMail struct {
	mail models.RenderedMail
	err  error
}

// renderAhead starts rendering msgs with render, which must be safe to call
// from two goroutines at once (a pure function is); close stops it.
func renderAhead(msgs []models.ReminderMessage, render models.MailRenderer, window int) *mailsAhead {
	a := &mailsAhead{msgs: msgs, render: render, ready: make([]chan renderedMail, len(msgs)),
		window: make(chan struct{}, window), stop: make(chan struct{})}
	for i := range a.ready {
		a.ready[i] = make(chan renderedMail, 1)
	}
	go a.run()
	return a
}

func (a *mailsAhead) run() {
	for i, m := range a.msgs {
		select {
		case a.window <- struct{}{}:
		case <-a.stop:
			return
		}
		mail, err := a.render(m)
		a.ready[i] <- renderedMail{mail, err}
	}
}

// take is message i's e-mail rendered ahead, when the writer takes it for the
// first time (ok); a message it comes back to (a batch written again one
// message at a time after it failed) is rendered again by the writer. Taking
// i drops the e-mails of the messages before it that the writer never took
// (a batch whose transaction could not start), so that the renderer always
// has room to reach i.
func (a *mailsAhead) take(i int) (r renderedMail, ok bool) {
	for ; a.next <= i; a.next++ {
		r = <-a.ready[a.next]
		<-a.window
		ok = true
	}
	return r, ok
}

// close stops the rendering; the writer calls it when it is done.
func (a *mailsAhead) close() { close(a.stop) }
