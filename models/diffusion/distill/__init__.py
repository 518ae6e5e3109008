"""Distillation: the few-step latent-consistency student of the digits diffusion model."""
