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
	taken  []bool              // the writer took message i's e-mail (the writer's alone)
	window chan struct{}       // a slot per e-mail rendered and not yet taken
	stop   chan struct{}
}

type renderedMail struct {
	mail models.RenderedMail
	err  error
}

// renderAhead starts rendering msgs with render, which must be safe to call
// from two goroutines at once (a pure function is); close stops it.
func renderAhead(msgs []models.ReminderMessage, render models.MailRenderer, window int) *mailsAhead {
	a := &mailsAhead{msgs: msgs, render: render, ready: make([]chan renderedMail, len(msgs)),
		taken: make([]bool, len(msgs)), window: make(chan struct{}, window), stop: make(chan struct{})}
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

// mail is the e-mail of message i, whose new part is fresh: the one rendered
// ahead when every key was new (whole) and the writer asks for the first
// time, else fresh rendered now (a message partly sent by another pass, or a
// batch written again one message at a time after it failed).
func (a *mailsAhead) mail(i int, fresh models.ReminderMessage, whole bool) (models.RenderedMail, error) {
	if !a.taken[i] {
		a.taken[i] = true
		r := <-a.ready[i]
		<-a.window
		if whole {
			return r.mail, r.err
		}
	}
	return a.render(fresh)
}

// close stops the rendering; the writer calls it when it is done.
func (a *mailsAhead) close() { close(a.stop) }
