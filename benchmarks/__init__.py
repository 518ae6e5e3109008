"""Benchmarks whose numbers the docs quote (``docs/benchmarks.md``): ``python -m benchmarks`` runs them all."""
