"""Text to image in miniature: captions measured from the digits, a bilingual CLIP tokenizer, digit-CLIP, and a
text-conditioned latent UNet assembled as a diffusers ``StableDiffusionPipeline``."""
