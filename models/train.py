"""One command per shipped model: ``python -m models.train <name>``.

Each run is seeded, runs on CPU, writes ``assets/<name>.safetensors`` and ``.json`` and records its
measured metrics in ``assets/manifest.json``. ``python -m models.train all`` trains them in order
(the evaluator first: the VAEs' reconstruction accuracy is measured with it).
"""

from __future__ import annotations

import argparse
import sys

import torch


def _evaluator(_):
    from models.measure.train_evaluator import main

    return main()


def _vae(name):
    from models.vae.train_vae import main

    return main(name)


def _dcgan(name):
    from models.gan.train_dcgan import main

    return main(name)


def _diffusion(name):
    from models.diffusion.train_diffusion import main

    return main(name)


def _diffusion2d(name):
    from models.diffusion.diffusion2d import main

    return main(name)


def _pixelcnn(name):
    from models.autoregressive.train_pixelcnn import main

    return main(name)


def _flow(name):
    from models.flows.train_flow import main

    return main(name)


def _autoencoder(name):
    from models.diffusion.latent.train_autoencoder import main

    return main(name)


def _latent_diffusion(name):
    from models.diffusion.latent.train_latent_diffusion import main

    return main(name)


def _cascade(name):
    from models.diffusion.cascade.train_cascade import main

    return main(name)


def _student(name):
    from models.diffusion.distill.train_student import main

    return main(name)


def _controlnet(name):
    from models.diffusion.control.train_controlnet import main

    return main(name)


TARGETS = {
    "evaluator": _evaluator,
    "vae2": _vae,
    "vae16": _vae,
    "vae16_beta4": _vae,
    "dcgan_vanilla": _dcgan,
    "dcgan_stable": _dcgan,
    "diffusion": _diffusion,
    "diffusion2d": _diffusion2d,
    "diffusion_figures": _controlnet,
    "controlnet_edge": _controlnet,
    "controlnet_pose": _controlnet,
    "pixelcnn_gated": _pixelcnn,
    "pixelcnn_plain": _pixelcnn,
    "flow_digits": _flow,
    "flow_binary": _flow,
    "autoencoder_f4": _autoencoder,
    "autoencoder_f8": _autoencoder,
    "autoencoder_f2": _autoencoder,
    "ldm": _latent_diffusion,
    "student": _student,
    "base16": _cascade,
    "upsampler": _cascade,
    "upsampler_noaug": _cascade,
    "upsampler_tconv": _cascade,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.train", description=__doc__)
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    names = list(TARGETS) if args.target == "all" else [args.target]
    for name in names:
        TARGETS[name](name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
