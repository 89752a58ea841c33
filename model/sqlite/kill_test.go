package sqlite_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"relmap/model"
	"relmap/model/sqlite"
)

// killHelper is the environment variable that makes the test binary a
// child that writes to a map until it is killed.
const killHelper = "RELMAP_KILL_HELPER"

// TestMain runs the child's work when the test binary is started as one.
func TestMain(m *testing.M) {
	if job := os.Getenv(killHelper); job != "" {
		if err := runKillHelper(job, os.Getenv("RELMAP_KILL_MAP")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runKillHelper applies changes (each a new actor and a tie to the
// previous one) or writes copies of the map, without end.
func runKillHelper(job, path string) error {
	ctx := context.Background()
	s, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	for i := 0; ; i++ {
		switch job {
		case "apply":
			m, err := s.Load(ctx)
			if err != nil {
				return err
			}
			last := m.Actors[len(m.Actors)-1].ID
			c := model.Change{Summary: fmt.Sprint("step ", i), Put: model.Records{
				Actors: []model.Actor{{ID: -1, Name: fmt.Sprintf("Actor %d-%d", os.Getpid(), i), Kind: "country"}},
				Ties:   []model.Tie{{Kind: "relations", From: last, To: -1}},
			}}
			if _, err := s.Apply(ctx, c); err != nil {
				return err
			}
		case "copy":
			if err := s.CopyTo(ctx, path+".copy"); err != nil {
				return err
			}
		}
	}
}

func TestKilledWritersLeaveWholeChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes; skipped in -short mode")
	}
	rng := rand.New(rand.NewSource(1))
	for _, job := range []string{"apply", "copy"} {
		t.Run(job, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "map.relmap")
			s, err := sqlite.Create(path, &model.Map{Name: "kill", Actors: []model.Actor{{ID: 1, Name: "Start", Kind: "country"}}})
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			for trial := range 20 {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), killHelper+"="+job, "RELMAP_KILL_MAP="+path)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(20+rng.Intn(200)) * time.Millisecond)
				cmd.Process.Kill()
				cmd.Wait()
				for _, p := range []string{path, path + ".copy"} {
					if _, err := os.Stat(p); err != nil {
						continue // no copy finished yet
					}
					checkWhole(t, trial, p)
				}
			}
			want := path
			if job == "copy" {
				want = path + ".copy"
			}
			s, err = sqlite.Open(want)
			if err != nil {
				t.Fatalf("after 20 trials: %v", err)
			}
			defer s.Close()
			m, err := s.Load(context.Background())
			if err != nil {
				t.Fatalf("after 20 trials of %s: %v", job, err)
			}
			if job == "apply" && len(m.Actors) < 3 {
				t.Errorf("after 20 trials of apply the map holds %d actors: the children did no work", len(m.Actors))
			}
		})
	}
}

// checkWhole opens the map at path and checks that SQLite finds it
// intact and that every change in it is whole: n actors in a chain of
// n-1 ties, and one history entry per added actor.
func checkWhole(t *testing.T, trial int, path string) {
	t.Helper()
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("trial %d: open %s: %v", trial, filepath.Base(path), err)
	}
	defer s.Close()
	var check string
	if err := sqlite.ReadDBOf(s).QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("trial %d: %s integrity_check = %q, %v", trial, filepath.Base(path), check, err)
	}
	m, err := s.Load(context.Background())
	if err != nil {
		t.Fatalf("trial %d: load %s: %v", trial, filepath.Base(path), err)
	}
	h, err := s.History(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Ties) != len(m.Actors)-1 || len(h) != len(m.Actors)-1 {
		t.Fatalf("trial %d: %s holds %d actors, %d ties and %d history entries: a change is not whole",
			trial, filepath.Base(path), len(m.Actors), len(m.Ties), len(h))
	}
}
