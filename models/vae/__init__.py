"""The VAE family: the convolutional VAE, its trainer and its latent-space paths."""
