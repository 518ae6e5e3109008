"""The cascade: a 16 x 16 base model and a diffusion upsampler to 32 x 32."""
