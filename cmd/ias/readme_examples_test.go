package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// shellWords splits a command line as a POSIX shell would for the simple
// lines of our help texts and README: blanks separate words, double or
// single quotes group them.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("unterminated quote in %q", line)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// TestInviteHelpExampleWorks runs the example that `ias invite --help`
// prints, word for word, against a sandbox tenant.
func TestInviteHelpExampleWorks(t *testing.T) {
	f := newFixture(t)
	help := f.cli.run("invite", "--help")
	expect(t, help, 0)
	_, examples, ok := strings.Cut(help.stdout, "Examples:\n")
	if !ok {
		t.Fatalf("no examples in:\n%s", help.stdout)
	}
	var ran int
	for _, line := range strings.Split(examples, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "ias invite ") {
			continue
		}
		args := shellWords(t, strings.TrimPrefix(line, "ias "))
		r := f.cli.run(args...)
		expect(t, r, 0)
		ran++
	}
	if ran == 0 {
		t.Fatalf("no `ias invite` line among the examples:\n%s", examples)
	}
	invs := f.srv.Invitations()
	if len(invs) != ran || invs[0].InviterName == "" || invs[0].TargetURL == "" || invs[0].SourceURL == "" {
		t.Errorf("the tenant got %+v", invs)
	}
	// The help names every flag IAS requires.
	for _, flag := range []string{"--email", "--user-id", "--inviter-name", "--target-url", "--source-url"} {
		if !strings.Contains(help.stdout[:strings.Index(help.stdout, "Usage:")], flag) {
			t.Errorf("the description does not name %s", flag)
		}
	}
}

// readmeBlock returns the lines of the README's shell block whose first
// line is "$ " + command, without that line.
func readmeBlock(t *testing.T, command string) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "$ "+command+"\n")
	if !ok {
		t.Fatalf("README has no block starting with $ %s", command)
	}
	block, _, _ := strings.Cut(rest, "```")
	return strings.Split(strings.TrimSuffix(block, "\n"), "\n")
}

// TestReadmeRetriesVisible runs the README's "Retries, visible" command
// and checks that the README shows what it prints: the log lines on
// stderr (times and durations aside), then the result on stdout.
func TestReadmeRetriesVisible(t *testing.T) {
	const command = "ias --sandbox --sandbox-fault 503x2:/scim/Users -v users list --jq .totalResults"
	want := readmeBlock(t, command)
	r := cli{t: t}.run(shellWords(t, strings.TrimPrefix(command, "ias "))...)
	expect(t, r, 0)
	times := regexp.MustCompile(`^time=\S+ `)
	durations := regexp.MustCompile(` duration=\S+`)
	norm := func(lines []string) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			out[i] = durations.ReplaceAllString(times.ReplaceAllString(l, "time=T "), " duration=D")
		}
		return out
	}
	got := norm(append(strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n"), strings.TrimSuffix(r.stdout, "\n")))
	want = norm(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the README shows\n%s\nbut the command prints\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}

// TestReadmeCLISandboxLines runs every `ias --sandbox ...` line of the
// README's shell blocks and checks the results its comments promise.
func TestReadmeCLISandboxLines(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	comment := regexp.MustCompile(`\s{2,}#\s*(.*)$`)
	listOfWords := regexp.MustCompile(`^[\w.@-]+(, [\w.@-]+)*$`)
	ran := 0
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "ias --sandbox ") {
			continue
		}
		want := ""
		if m := comment.FindStringSubmatch(line); m != nil {
			want = m[1]
			line = line[:len(line)-len(m[0])]
		}
		r := cli{t: t}.run(shellWords(t, strings.TrimPrefix(line, "ias "))...)
		expect(t, r, 0)
		// A comment that lists words ("carol, dave") is the expected output.
		if listOfWords.MatchString(want) && strings.Join(strings.Fields(r.stdout), ", ") != want {
			t.Errorf("%s: got %q, the README says %q", line, r.stdout, want)
		}
		ran++
	}
	if ran < 3 {
		t.Errorf("ran %d README lines", ran)
	}
}
