"""Measures of generated samples: the evaluator network, the digit metrics, the metrics lab, 2-D mode coverage.

Imports only ``models.core``."""
