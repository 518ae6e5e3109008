"""Run every benchmark and print one table per benchmark: ``python -m benchmarks``."""

from benchmarks import vae_latency

if __name__ == "__main__":
    print("## VAE latency\n")
    print(vae_latency.run())
