"""Benchmarks whose numbers the README quotes: ``python -m benchmarks`` runs them all."""
