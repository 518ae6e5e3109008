"""Run every benchmark and print one table per benchmark: ``python -m benchmarks``."""

from benchmarks import gan_lab, vae_latency

if __name__ == "__main__":
    print("## VAE latency\n")
    print(vae_latency.run())
    print("\n## GAN lab (speed, then each preset's claim)\n")
    print(gan_lab.run())
