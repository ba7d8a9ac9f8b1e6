// Package models is the domain core of Rõ Việc: plans, themes, agencies,
// directives and their assignments, and the pure rules about them (the
// workflow and its one transition function, timeliness, clarity, the
// working-day calendar, permissions, reminder rules and keys, the replay of
// history, tallies, scoreboards and league standings). It imports no database,
// no SQL driver and no HTTP: every rule takes what it needs, "now" included,
// as parameters, and is tested with plain table tests. Persistence lives in
// models/store, the schema in models/migrations, the built-in programme in
// models/seed.
package models
