// Oracle: golang.org/x/mod/semver (Debian golang-golang-x-mod-dev), built offline by go_oracle.sh.
// OSV Go versions have no "v"; like Scout, a missing "v" is supplied before asking semver.
// stdin a<TAB>b -> a<TAB>b<TAB>R; R is "invalid" when semver.IsValid refuses a side.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/semver"
)

func canon(v string) string {
	if strings.HasPrefix(v, "v") {
		return v
	}
	return "v" + v
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		a, b, _ := strings.Cut(in.Text(), "\t")
		r := "invalid"
		if semver.IsValid(canon(a)) && semver.IsValid(canon(b)) {
			r = fmt.Sprint(semver.Compare(canon(a), canon(b)))
		}
		fmt.Fprintf(out, "%s\t%s\t%s\n", a, b, r)
	}
}
