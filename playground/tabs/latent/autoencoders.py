"""Handler of the latent-diffusion tab's first stage: one digit through the three shipped
autoencoders (f = 2, 4, 8), beside the factor table measured on the held-out digits."""

from __future__ import annotations

import torch

from models.core.registry import default_registry
from models.diffusion.latent.autoencoder import values_ratio
from playground.tabs.latent.editing import source_digit
from playground.tabs.latent.handlers import read_digits
from playground.tabs.latent.texts import say
from playground.tabs.latent.view import numbered_strip

FACTORS = (2, 4, 8)


def factor_table() -> str:
    """The LDM paper's factor table in miniature, from the manifest (``python -m models.train autoencoder_f*``)."""
    rows = [say("f_latent_c_h"), "|---|---|---|---|---|---|"]
    for f in FACTORS:
        m = default_registry().info(f"autoencoder_f{f}")["metrics"]
        shape = "×".join(map(str, m["latent_shape"]))
        rows.append(
            f"| {f} | {shape} | {m['values_ratio']:g}× | {m['test_psnr_db']:.1f} dB | "
            f"{m['test_reconstruction_accuracy']:.1%} | {m['test_kl_nats']:.0f} nats |"
        )
    return "\n".join(rows)


@torch.inference_mode()
def autoencoder_reconstruct(source="test digit", index=0, drawing=None, upload=None):
    """API /autoencoder_reconstruct: x → D(E(x)) at f = 2, 4 and 8 (the posterior mean decoded).
    -> (strip: the input, then each reconstruction with its PSNR and the evaluator's reading; Markdown)."""
    from models.diffusion.model import to_digit_space, to_model_space
    from models.measure.metrics import psnr

    x, name = source_digit(source, index, drawing, upload)
    outs, captions = [], [[say("input"), "", ""]]
    for f in FACTORS:
        ae = default_registry().load(f"autoencoder_f{f}")
        z = ae.encode(to_model_space(x).to(next(ae.parameters()).device))
        x_hat = to_digit_space(ae.decode(z).float().cpu())
        outs.append(x_hat)
        captions.append([f"f={f} {values_ratio(ae.cfg):g}x", f"{psnr(x_hat, x):.1f} dB", ""])
    outs = torch.cat(outs)
    cls, probs = read_digits(outs)
    for c, k, p in zip(captions[1:], cls, probs.max(1), strict=True):
        c[2] = say("reads_k_p_2f", k=k, p=p)
    strip = numbered_strip(torch.cat([x, outs]), captions, cell=112)
    text = say("name_encoded_z_s", name=name) + "\n\n" + factor_table() + "\n\n" + say("latent_model_diffuses_f")
    return strip, text
