"""Limits and defaults, overridable by environment variables (``PLAYGROUND_<NAME>``).

Limits are enforced in the handlers, not only in the widgets, because anyone can call the API.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Settings:
    z_abs_max: float = 5.0  # latent values beyond ±5σ of the prior decode to nothing meaningful
    slider_range: float = 3.0  # the sliders span ±3σ, where 99.7% of the prior's mass lies
    interp_steps_max: int = 32  # a strip of 32 digits is already wider than a lecture screen
    encode_samples_max: int = 16  # samples of q(z|x) shown for a drawing
    temperature_max: float = 3.0  # sampling z ~ N(0, T² I)
    upload_pixels_max: int = 4096 * 4096  # bigger drawings/uploads are refused before decoding
    gan_steps_max: int = 20_000  # training steps per request; 5,000 take ~30 s on 2 CPU cores
    gan_batch_max: int = 1024
    gan_width_max: int = 512
    gan_depth_max: int = 6
    gan_latent_max: int = 64
    gan_pack_max: int = 8
    gan_unrolled_max: int = 10
    gan_d_steps_max: int = 10
    gan_refine_max: int = 50  # D-guided refinement steps; each costs one D forward/backward on 2,500 samples
    gan_frames: int = 50  # live view updates per request, whatever the number of steps
    gan_compare_max: int = 4  # variants trained side by side in one request
    forward_side: int = 256  # photos and uploads noised at 256 x 256 (digits stay 32 x 32): diffusion/forward.py
    forward_T_max: int = 1000
    forward_check_draws: int = 256  # draws of x_t per method in the closed-form check
    diffusion_steps_max: int = 1000  # DDPM's full chain; DDIM/DPM-Solver++ need 10-50
    diffusion_batch_max: int = 16  # samples per reverse run (each step is one batched forward pass)
    diffusion_guidance_max: float = 20.0
    diffusion_stream_fps: float = 12.0  # live updates per second at most; the replay keeps every step
    diffusion_replay_max: int = 250  # steps kept for the scrubber (evenly spaced beyond that)
    diffusion_compare_batch_max: int = 8  # DDPM-1000 vs DDIM-50: 1,000 steps of 2 x 8 images
    cfg_rows_max: int = 11  # the ten digits and the unconditional row
    cfg_cols_max: int = 12
    cfg_seeds_max: int = 4
    cfg_third_max: int = 4  # sub-grids (steps or sampler values)
    cfg_steps_max: int = 100
    cfg_extra_max: int = 8  # extra samples per cell for the trade-off measures
    cfg_images_max: int = 240  # a 10 x 6 grid with 4 seeds; ~25 s of DDIM-25 on 2 CPU cores
    control_scale_max: float = 2.0  # ControlNet conditioning scale
    control_steps_max: int = 100
    control_outputs: int = 4  # outputs per run at the chosen scale (seeds seed..seed+3), plus the scale strip
    control_json_max: int = 20_000  # characters of keypoint JSON (OpenPose's 25 joints are ~1,000)
    ar_batch_max: int = 16  # digits drawn at once: each of the 784 calls runs them as one batch
    ar_temperature_min: float = 0.05  # logits / T: T -> 0 is the argmax, T = 0 would divide by zero
    ar_temperature_max: float = 3.0  # beyond ~2 every pixel is a coin toss
    ar_guidance_max: float = 10.0  # classifier-free guidance on the logits; beyond ~5 strokes break up
    ar_stream_fps: float = 8.0  # live updates per second (the page needs >= 5; each costs a PNG)
    flow_steps_max: int = 20_000  # training steps per request; RealNVP's 3,000 take ~15 s on 2 CPU cores
    flow_depth_max: int = 16  # layers (couplings / Glow steps); the scrubber shows each
    flow_width_max: int = 256
    flow_batch_max: int = 1024
    flow_frames: int = 30  # live view updates per request (each records the density over the view)
    flow_digits_max: int = 64  # digit samples per request: one pass through the flow for all of them
    ldm_steps_max: int = 1000  # latent reverse steps (DDPM's full chain; DDIM needs 25-50)
    ldm_batch_max: int = 16  # latent samples per request
    ldm_stream_fps: float = 8.0  # pipeline-viewer updates per second at most
    repaint_batch_max: int = 8  # RePaint runs ~2x the steps of the pixel model: 95 calls at 50 steps
    inpaint_steps_max: int = 200  # RePaint makes ~2x as many network calls as steps
    strength_points: int = 11  # the img2img strip: s = 0, 0.1, ..., 1
    fast_nfe_max: int = 100  # network evaluations of a live point (the curve's last one)
    fast_batch_max: int = 16  # samples per live point; the teacher's DDIM-50 reference runs beside them
    student_steps_max: int = 8  # LCM steps: the student was trained for 1-4; beyond 8 nothing improves
    cascade_batch_max: int = 8  # cascades per request: base, two upsamplers and two baselines each
    cascade_steps_max: int = 100  # base and upsampler DDIM steps
    cascade_stream_fps: float = 8.0  # upsampler-view updates per second at most
    t2i_prompt_chars_max: int = 2000  # the tokenizer reads 32 tokens (a Stable Diffusion 77): more is cut anyway
    t2i_batch_max: int = 8  # prompt samples per request: 8 at DDIM-25 with attention maps take ~1 s on 2 cores
    t2i_steps_max: int = 100
    t2i_stream_fps: float = 8.0  # live updates per second at most (each sends the samples and the maps)
    t2i_scales_max: int = 8  # columns of the guidance grid
    queue_max_size: int = 64  # requests waiting beyond this get "too busy" instead of a long wait
    concurrency_limit: int = 4  # light events (decode, encode) running at once
    # Sampling/training events running at once, all tabs together; 0 = chosen from the cores
    # (models.core.compute.heavy_slots: 2 where there are 2 or more, each then gets half of them).
    heavy_concurrency_limit: int = 0
    cache_prune_every_s: int = 1800  # generated files (GIFs, PNGs, JSON) are pruned from Gradio's cache
    cache_max_age_s: int = 3600  # ... once they are older than this

    @classmethod
    def from_env(cls) -> Settings:
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"PLAYGROUND_{f.name.upper()}")
            if raw is not None:
                values[f.name] = type(f.default)(raw)
        return cls(**values)


SETTINGS = Settings.from_env()
