// Command roviec runs Rõ Việc. See app.Run for the sub-commands.
package main

import (
	"os"

	"roviec/app"
)

func main() {
	os.Exit(app.Run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}
