package assets_test

import (
	"os"
	"regexp"
	"testing"

	"relmap/assets"
)

// TestVersionIsFyneAppTomls: the version About shows is FyneApp.toml's.
func TestVersionIsFyneAppTomls(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]*)"`).FindSubmatch(data)
	if m == nil || string(m[1]) != assets.Version {
		t.Errorf("FyneApp.toml gives version %q, assets.Version is %q", m, assets.Version)
	}
}
