"""Latent diffusion: the digits autoencoder and the diffusion model run in its latent."""
