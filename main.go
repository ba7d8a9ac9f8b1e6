// Command roviec runs Rõ Việc. See app.Run for the sub-commands.
package main

import (
	"os"
	_ "time/tzdata" // the time zones, even on a machine without tzdata

	"roviec/app"
)

func main() {
	os.Exit(app.Run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}
