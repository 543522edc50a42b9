"""Benchmarks: scripts that print measured figures (run as modules)."""
