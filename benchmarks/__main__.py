"""Run every benchmark and print one table per benchmark: ``python -m benchmarks``."""

from benchmarks import cfg, controlnet, diffusion_speed, gan_lab, vae_latency

if __name__ == "__main__":
    print("## VAE latency\n")
    print(vae_latency.run())
    print("\n## GAN lab (speed, then each preset's claim)\n")
    print(gan_lab.run())
    print("\n## Diffusion sampling speed\n")
    print(diffusion_speed.run())
    print("\n## Classifier-free guidance\n")
    cfg.main([])
    print("\n## ControlNet\n")
    controlnet.main([])
