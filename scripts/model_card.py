"""Print docs/model-card.md's table from ``assets/manifest.json``: ``python -m scripts.model_card``."""

from __future__ import annotations

import json

from models.core.assets import ASSETS_DIR, read_manifest

FID_NAMES = {"ddim10": "DDIM-10", "ddim50": "DDIM-50", "ddpm1000": "DDPM-1000", "real_train_digits": "real digits"}


def rows() -> list[str]:
    manifest = read_manifest()
    out = [
        "| model | what | held-out metrics (500 test digits) | train time (2-core CPU) | files | command |",
        "|---|---|---|---|---|---|",
    ]
    for name, entry in manifest.items():
        cfg = json.loads((ASSETS_DIR / f"{name}.json").read_text())["config"]
        m = entry["metrics"]
        if entry["kind"] == "evaluator":
            what = f"CNN classifier, {cfg['feature_dim']}-D features for digits-FID"
            metric = f"accuracy **{100 * m['test_accuracy']:.1f}%**"
        elif entry["kind"] == "dcgan_snapshots":
            snaps = m["snapshots"]
            last = str(max(int(k) for k in snaps))
            what = f"DCGAN, z {cfg['latent']}-D, lr G {cfg['lr_g']:g} / D {cfg['lr_d']:g}" + (
                ", minibatch std" if cfg["minibatch_std"] else ""
            )
            missing = sum(c == 0 for c in snaps[last]["histogram"])
            metric = (
                f"at step {last}: class entropy **{snaps[last]['entropy_nats']:.2f}** nats of 2.30, "
                f"{missing} digits never generated, digits-FID {snaps[last]['fid']:.0f} (1,000 samples)"
            )
        elif entry["kind"] == "diffusion" and cfg["num_classes"] == 11:
            what = (
                "`diffusion` with an 11th class, *figure* (the procedural mannequins), fine-tuned on digits + figures"
            )
            acc = m.get("digit_accuracy_ddim25_w2")
            metric = "digits still drawn: " + (
                f"DDIM-25 at w = 2, class accuracy **{100 * acc:.1f}%** (200 samples)"
                if acc is not None
                else "unmeasured"
            )
        elif entry["kind"] == "controlnet":
            what = (
                f"diffusers ControlNetModel from `diffusion_figures`' UNet, {cfg['kind']} "
                f"({cfg['conditioning_channels']}-channel control)"
            )
            if cfg["kind"] == "edge":
                keys = ("edges_of_test_digits_unconditional", "edges_of_held_out_figures_unconditional")
                metric = "; ".join(
                    f"{k.replace('_', ' ')}: edge F1 **{m.get(f'edge_f1_{k}_scale1', float('nan')):.2f}** at scale 1 "
                    f"({m.get(f'edge_f1_{k}_scale0', float('nan')):.2f} at scale 0)"
                    for k in keys
                )
            else:
                metric = (
                    f"held-out poses: silhouette IoU **{m.get('silhouette_iou_scale1', float('nan')):.2f}** at scale 1 "
                    f"({m.get('silhouette_iou_scale0', float('nan')):.2f} at scale 0)"
                )
        elif entry["kind"] == "diffusion":
            what = (
                "class-conditional pixel diffusion (diffusers UNet2DConditionModel without cross-attention, "
                f"channels {cfg['block_out_channels']}, "
                f"{cfg['prediction_type']}, {cfg['beta_schedule']}, T = {cfg['num_train_timesteps']}, "
                f"label dropout {cfg['p_uncond']:g}, EMA {cfg['ema_decay']:g})"
            )
            fid = m.get("fid", {})
            acc = 100 * m.get("ddim50_accuracy", 0)
            metric = (
                f"DDIM-50 at w = {m.get('recommended_guidance', '?')}: class accuracy **{acc:.1f}%** "
                f"({m.get('ddim50_accuracy_n', '?')} samples); digits-FID ({m.get('fid_n', '?')} samples) "
                + ", ".join(f"{FID_NAMES.get(k, k)} {v:.1f}" for k, v in fid.items())
            )
        elif entry["kind"] == "diffusion2d":
            what = f"2-D diffusion, one {cfg['depth']}x{cfg['hidden']} MLP per toy set ({cfg['prediction_type']})"
            metric = "; ".join(
                f"{k}: {v['modes']} modes, {100 * v['high_quality']:.0f}% high quality (DDPM-200, 2,500 samples)"
                for k, v in m.items()
                if isinstance(v, dict)
            )
        elif entry["kind"] == "pixelcnn":
            what = (f"{'Gated' if cfg['variant'] == 'gated' else 'plain masked-convolution'} PixelCNN, "
                    f"{cfg['layers']} + 1 layers of {cfg['channels']} channels, class-conditional with a null class, "
                    f"{m.get('parameters', 0) / 1e3:.0f}k parameters")  # fmt: skip
            metric = (
                f"−log p(x) **{m['test_nll_nats']:.1f}** nats exact, class given "
                f"({m['test_nll_unconditional_nats']:.1f} without; train {m['train_nll_nats']:.1f}), "
                "binarized at half grey"
            )
            if "class_accuracy" in m:
                metric += (f"; samples at T = {m['temperature']:g}, guidance w = {m['guidance']:g}: class accuracy "
                           f"**{100 * m['class_accuracy']:.1f}%** ({m['class_accuracy_n']} samples)")  # fmt: skip
        elif entry["kind"] == "flow_digits":
            levels = "256 grey levels" if cfg["data"] == "grey" else "binarized at half grey"
            what = (f"Glow (normflows), {cfg['levels']} levels × {cfg['steps']} steps, coupling nets of "
                    f"{cfg['hidden']} channels, class-conditional prior, {m.get('parameters', 0) / 1e3:.0f}k "
                    f"parameters; {levels}")  # fmt: skip
            metric = (f"−log P(x) ≤ **{m['test_nll_nats']:.1f}** nats, class given "
                      f"({m['test_nll_unconditional_nats']:.1f} without; train {m['train_nll_nats']:.1f})")  # fmt: skip
            if cfg["data"] == "grey":
                metric += f" = **{m['test_bits_per_dim']:.3f} bits/dim** (train {m['train_bits_per_dim']:.3f})"
        elif entry["kind"] == "autoencoder":
            shape = "×".join(map(str, m["latent_shape"]))
            what = (f"diffusers AutoencoderKL, f = {cfg['factor']} (latent {shape}, {m['values_ratio']:g}× fewer "
                    f"values), L1 + {cfg['kl_weight']:g}·KL, {m['parameters'] / 1e3:.0f}k parameters, scale factor "
                    f"{m['scaling_factor']:.3f}")  # fmt: skip
            metric = (f"reconstructions: PSNR **{m['test_psnr_db']:.1f} dB**, evaluator accuracy "
                      f"**{100 * m['test_reconstruction_accuracy']:.1f}%** "
                      f"(train {m['train_psnr_db']:.1f} dB)")  # fmt: skip
        elif entry["kind"] == "latent_diffusion":
            what = (f"class-conditional latent diffusion in `{cfg['autoencoder']}`'s {cfg['channels']}×"
                    f"{cfg['sample_size']}×{cfg['sample_size']} latent (diffusers UNet2DConditionModel, channels "
                    f"{list(cfg['block_out_channels'])}, {cfg['prediction_type']}, label dropout {cfg['p_uncond']}, "
                    f"EMA {cfg['ema_decay']})")  # fmt: skip
            metric = "not measured yet: `python -m benchmarks.latent`"
            if "ddim50_accuracy" in m:
                metric = (f"DDIM-50 at w = {m['recommended_guidance']:g}: class accuracy "
                          f"**{100 * m['ddim50_accuracy']:.1f}%** ({m['ddim50_accuracy_n']} samples); "
                          f"digits-FID {m['fid_ddim50']:.1f} ({m['fid_n']} samples)")  # fmt: skip
        elif entry["kind"] == "consistency_student":
            what = (f"LCM consistency-distilled student of `{cfg['teacher']}` (the same UNet, guidance w = "
                    f"{cfg['guidance']:g} folded in, {cfg['ddim_timesteps']}-step DDIM solver grid, Huber c = "
                    f"{cfg['huber_c']:g}), sampled with diffusers' LCMScheduler")  # fmt: skip
            metric = (f"digits-FID ({m['n']} samples) 1 step {m['fid_1step']:.1f}, **2 steps "
                      f"{m['fid_2step']:.1f}**, 4 steps {m['fid_4step']:.1f}; the teacher's DDIM-50 "
                      f"{m['teacher_fid_ddim50']:.1f}, DDIM-2 {m['teacher_fid_ddim2']:.1f}; 2-step class accuracy "
                      f"**{100 * m['accuracy_2step']:.1f}%**")  # fmt: skip
        elif entry["kind"] == "base16":
            what = (f"the cascade's base: class-conditional diffusion at 16×16 (channels {cfg['block_out_channels']}, "
                    f"{cfg['prediction_type']}, label dropout {cfg['p_uncond']:g})")  # fmt: skip
            b = m.get("bicubic")
            metric = (f"DDIM-50 at w = 2 then bicubic to 32×32: digits-FID {b['fid']:.1f}, class accuracy "
                      f"**{100 * b['class_accuracy']:.1f}%** ({b['n']} samples)") if b else "unmeasured"  # fmt: skip
        elif entry["kind"] == "upsampler":
            aug = cfg["max_train_noise_level"]
            what = (f"diffusion upsampler 16×16 → 32×32 (the low-res image concatenated, its noise level as the "
                    f"class embedding), trained with the condition noised to s ∈ 0..{aug}"
                    if aug else "the same upsampler trained on clean conditions only (s = 0)")  # fmt: skip
            level = m.get("noise_level", 0)
            metric = (f"on the base's samples at s = {level}: digits-FID **{m['fid']:.1f}**, class accuracy "
                      f"{100 * m['class_accuracy']:.1f}%; on true 16×16 test digits: digits-FID "
                      f"{m['true_low_res']['fid']:.1f} ({m['n']} samples)") if "fid" in m else "unmeasured"  # fmt: skip
        elif entry["kind"] == "upsampler_tconv":
            what = f"baseline: two transposed convolutions ({cfg['width']} channels) on bicubic, L2"
            metric = "unmeasured"
            if "fid" in m:
                metric = (f"on the base's samples: digits-FID {m['fid']:.1f}, class accuracy "
                          f"{100 * m['class_accuracy']:.1f}% ({m['n']} samples)")  # fmt: skip
        else:
            what = f"conv VAE, D = {cfg['latent_dim']}, β = {cfg['beta']:g}"
            metric = (
                f"ELBO **{m['test_elbo_nats']:.1f}** nats (recon {m['test_recon_nats']:.1f}, "
                f"KL {m['test_kl_nats']:.1f}; train {m['train_elbo_nats']:.1f}); "
                f"evaluator accuracy on reconstructions **{100 * m['recon_accuracy']:.1f}%**"
            )
            if "test_nll_binarized_iwae_nats" in m:
                metric += (f"; on the binarized digits −log p(x) ≤ **{m['test_nll_binarized_iwae_nats']:.1f}** "
                           f"(importance-weighted, k = {m['iwae_k']})")  # fmt: skip
        size = sum(entry["files"].values()) / 1e6
        out.append(
            f"| `{name}` | {what} | {metric} | {m['train_seconds']:.0f} s | {size:.1f} MB | `{entry['command']}` |"
        )
    return out


if __name__ == "__main__":
    print("\n".join(rows()))
