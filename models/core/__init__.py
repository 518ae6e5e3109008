"""Shared plumbing every family uses: compute plan, data, assets, registry, checkpoints, augmentation, toy sets.

Imports nothing from a family package nor from ``models.measure``."""
