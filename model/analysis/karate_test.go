package analysis_test

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"relmap/model"
	"relmap/model/analysis"
)

// karate reads Zachary's karate club from the shared data sets as a map
// (members as actors, friendships as ties) and as a gonum graph.
func karate(t *testing.T) (*model.Map, *simple.UndirectedGraph) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "datasets", "classic", "karate.gml")
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent: the karate club check needs the shared data sets", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	m := &model.Map{}
	g := simple.NewUndirectedGraph()
	for _, id := range regexp.MustCompile(`node\s*\[\s*id\s+(\d+)`).FindAllSubmatch(b, -1) {
		n, _ := strconv.ParseInt(string(id[1]), 10, 64)
		m.Actors = append(m.Actors, model.Actor{ID: n, Name: "Member " + string(id[1]), Kind: "official"})
		g.AddNode(simple.Node(n))
	}
	for i, e := range regexp.MustCompile(`source\s+(\d+)\s+target\s+(\d+)`).FindAllSubmatch(b, -1) {
		from, _ := strconv.ParseInt(string(e[1]), 10, 64)
		to, _ := strconv.ParseInt(string(e[2]), 10, 64)
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(i + 1), Kind: "member", From: from, To: to})
		g.SetEdge(g.NewEdge(simple.Node(from), simple.Node(to)))
	}
	if len(m.Actors) != 34 || len(m.Ties) != 78 {
		t.Fatalf("read %d members and %d friendships, want Zachary's 34 and 78", len(m.Actors), len(m.Ties))
	}
	return m, g
}

// The measures agree with gonum's on Zachary's karate club: degree and
// betweenness exactly, and the two leaders (members 1 and 34) rank first.
func TestMeasureOnTheKarateClub(t *testing.T) {
	m, g := karate(t)
	got := analysis.Measure(m, model.MustDate("2024-01-01").First())
	between := network.Betweenness(g)
	for _, x := range got {
		if deg := g.From(x.ID).Len(); x.Degree != deg {
			t.Errorf("%s: degree %d, gonum %d", x.Name, x.Degree, deg)
		}
		// gonum counts each pair both ways.
		if want := between[x.ID] / 2; math.Abs(x.Betweenness-want) > 1e-6*math.Max(1, want) {
			t.Errorf("%s: betweenness %v, gonum %v", x.Name, x.Betweenness, want)
		}
	}
	if got[0].ID != 1 || got[1].ID != 34 {
		t.Errorf("ranked first %s and %s, want the instructor (1) and the president (34)", got[0].Name, got[1].Name)
	}
	communities := map[int]bool{}
	for _, x := range got {
		communities[x.Community] = true
	}
	if n := len(communities); n < 2 || n > 6 {
		t.Errorf("%d communities, want a few (Louvain finds about four)", n)
	}
}
