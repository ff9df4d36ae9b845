"""Fault probes of issue 11, run on demand; each prints its figure (docs/reliability.md)."""
