"""The diffusion family: the digits model, its samplers, trainer and measures, the 2-D toy diffusion.

Sub-packages (``latent``, ``control``, ``distill``, ``cascade``) build on it; it imports none of them."""
