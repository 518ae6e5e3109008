"""The tabs, in the course's order. A new tab is one package here and one line in ``TABS``."""

from playground.tabs import ar, cfg, controlnet, diffusion, fast, flows, gan, home, latent, t2i, vae

TABS = (
    home.TAB,
    ar.TAB,
    vae.TAB,
    gan.TAB,
    flows.TAB,
    diffusion.TAB,
    cfg.TAB,
    latent.TAB,
    t2i.TAB,
    controlnet.TAB,
    fast.TAB,
)
