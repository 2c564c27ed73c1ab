"""Benchmarks of Didar (run with `make bench`)."""
