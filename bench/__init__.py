"""Load tests of the public pages and exports (see bench/run.py and docs/performance.md)."""
