# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""The vae tab's texts, English and Chinese side by side under stable keys (``playground.texts``): the
fixed texts of its page (``say.fixed(key)``), what its handlers write (``say(key, **values)``) and the
names of its choices and inputs that the shared checks say (looked up by their English). Values in braces
stay as they are; terms follow ``playground.glossary``."""

from playground.texts import declare

TEXTS: dict[str, tuple[str, str]] = {
    "latent_space_encoder_decoder": (
        "latent space: an encoder, a decoder and the ELBO; the latent plane you can walk.",
        "潜空间：编码器、解码器与 ELBO；可以在潜在平面上漫步。",
    ),
    "vae2_2_d_latent": ("vae2 — 2-D latent, β = 1", "vae2 — 二维潜空间，β = 1"),
    "vae16_16_d_latent": ("vae16 — 16-D latent, β = 1", "vae16 — 16 维潜空间，β = 1"),
    "vae16_beta4_16_d": ("vae16_beta4 — 16-D latent, β = 4 (β-VAE)", "vae16_beta4 — 16 维潜空间，β = 4（β-VAE）"),
    "latent_plane": ("latent plane", "潜平面"),
    "decoded_manifold": ("decoded manifold", "解码流形"),
    "b": ("B is", "B 是"),
    "test_digit": ("test digit", "测试数字"),
    "my_drawing": ("my drawing", "我画的数字"),
    "linear": ("linear", "线性"),
    "spherical": ("spherical", "球面"),
    # The tour's links: test digits 105 and 405 are a 2 and an 8 (50 per class in order). The 16-D steps switch the
    # model first; a link's last value is set a moment after the others (deep_links), once the model's reset has run.
    "guided_tour_1_walk": (
        "**Guided tour**\n1. [Walk the 2-D latent plane](?tab=vae&vae-seed=0&vae-projection=decoded%20manifold&run=vae-sample): the map is\n   now the decoder itself, the digit decoded at every point of the plane. Neighbouring z decode to neighbouring\n   digits and one class melts into the next at its border; click anywhere, or drag z1 and z2, to walk it.\n2. [decoder(μ) beside the data](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-steps=2&run=vae-interpolate): the strip holds the\n   reconstructions of the 2 and the 8 shown above it: the same digits, soft and grey at the edges. **Why a VAE is\n   blurry**: decoder(z) is the mean of p(x|z), the average of every digit whose q(z|x) reaches z, and a\n   pixel-by-pixel likelihood pays less for a grey edge than for a stroke in the wrong place.\n3. [Temperature T = 0](?tab=vae&vae-model=vae16&vae-temperature=0&run=vae-sample): z = 0, the prior's centre, decodes to one smooth,\n   average digit. [T = 0.5](?tab=vae&vae-model=vae16&vae-temperature=0.5&run=vae-sample) and\n   [T = 1](?tab=vae&vae-model=vae16&vae-temperature=1&run=vae-sample) scale the same ε (seed 0). At T = 1, the prior itself, the\n   evaluator is sure (> 90%) of only 13% of the samples, at T = 0.5 of 28%: the prior has regions no encoding\n   filled, and a lower T trades variety for digits.\n4. [Linear interpolation](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=linear&vae-steps=9&run=vae-interpolate) against\n   [spherical (slerp)](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=spherical&vae-steps=9&run=vae-interpolate): a 2 becomes an 8. In\n   16-D the encodings lie near the prior's shell (|z| ≈ 4); the straight line cuts inside it (|z| falls from 4.5\n   to 2.8 halfway), towards the blurry average digit of T = 0, while slerp keeps |z| ≈ 4.5 and its middle frames\n   stay sharper.\n5. [β = 4](?tab=vae&vae-model=vae16_beta4&vae-index-a=105&vae-index-b=405&vae-steps=9&run=vae-interpolate): four times the KL weight pulls every q(z|x) towards\n   N(0, I). The card shows KL 9.1 nats instead of 22.5, and the price, reconstruction −117.2 nats instead of\n   −84.0: the same 2 → 8 is blurrier. What it buys is a space the prior covers:\n   [samples at T = 1](?tab=vae&vae-model=vae16_beta4&vae-temperature=1&run=vae-sample) are digits the evaluator is sure of twice as\n   often (28% against 13%).",
        "**导览**\n1. [漫步二维潜平面](?tab=vae&vae-seed=0&vae-projection=decoded%20manifold&run=vae-sample)：此时地图就是解码器本身，即平面上每一点解码出的数字。相邻的 z 解码成相近的数字，一个类别在边界处渐渐变成另一个类别；点击任意位置，或拖动 z1 和 z2，在平面上漫步。\n2. [decoder(μ) 与数据并排](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-steps=2&run=vae-interpolate)：条带里是上方那个 2 和那个 8 的重建：还是那两个数字，但边缘柔和发灰。**VAE 为什么模糊**：decoder(z) 是 p(x|z) 的均值，即所有 q(z|x) 能覆盖到 z 的数字的平均；而逐像素的似然对边缘发灰的惩罚，比对笔画画错位置的惩罚小得多。\n3. [温度 T = 0](?tab=vae&vae-model=vae16&vae-temperature=0&run=vae-sample)：z = 0 即先验的中心，解码出一个平滑的“平均”数字。[T = 0.5](?tab=vae&vae-model=vae16&vae-temperature=0.5&run=vae-sample) 和 [T = 1](?tab=vae&vae-model=vae16&vae-temperature=1&run=vae-sample) 缩放的是同一个 ε（随机种子 0）。T = 1 即先验本身，评估器只对 13% 的样本有把握（> 90%），T = 0.5 时为 28%：先验中有些区域没有任何编码填到，较低的 T 用多样性换来更像数字的样本。\n4. [线性插值](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=linear&vae-steps=9&run=vae-interpolate) 对比 [球面插值（slerp）](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=spherical&vae-steps=9&run=vae-interpolate)：一个 2 变成一个 8。在 16 维中，编码都位于先验的“球壳”附近（|z| ≈ 4）；直线从壳内穿过（走到一半时 |z| 从 4.5 降到 2.8），靠近 T = 0 时那个模糊的平均数字；slerp 则让 |z| 一直保持在 4.5 左右，中间几帧更清晰。\n5. [β = 4](?tab=vae&vae-model=vae16_beta4&vae-index-a=105&vae-index-b=405&vae-steps=9&run=vae-interpolate)：KL 项的权重变为 4 倍，把每个 q(z|x) 都拉向 N(0, I)。模型卡片上的 KL 是 9.1 nats 而不是 22.5，代价是重建项为 −117.2 nats 而不是 −84.0：同样的 2 → 8 更模糊了。换来的是一个被先验覆盖得更好的潜空间：[T = 1 时的样本](?tab=vae&vae-model=vae16_beta4&vae-temperature=1&run=vae-sample)中，评估器有把握的数字是 vae16 的两倍（28% 对 13%）。",
    ),
    "n2_d_latent_1": ("2-D latent, β = 1", "二维潜空间，β = 1"),
    "n16_d_latent_1": ("16-D latent, β = 1", "16 维潜空间，β = 1"),
    "n16_d_latent_4": ("16-D latent, β = 4 (β-VAE)", "16 维潜空间，β = 4（β-VAE）"),
    "model_latent_d_dim": (
        "**{model}** — latent D = {dim}, β = {beta:g}. Held-out ELBO **{elbo:.1f} nats** (reconstruction {recon:.1f}, KL {kl:.1f}); the evaluator reads **{accuracy:.1f}%** of its test reconstructions as the right digit. Trained by `{command}`.",
        "**{model}** — 潜变量维数 D = {dim}，β = {beta:g}。留出数据上的 ELBO 为 **{elbo:.1f} nats**（重建项 {recon:.1f}，KL {kl:.1f}）；评估器把 **{accuracy:.1f}%** 的测试重建认作正确的数字。训练命令 `{command}`。",
    ),
    "nearest_test_digit_i": ("nearest test digit #{i} (label {label})", "最近的测试数字 #{i}（标签 {label}）"),
    "encode_drawing_model_first": (
        "Encode a drawing with this model first (section 'Encode what you draw'), then interpolate to it.",
        "请先用这个模型编码一幅手绘数字（“编码你画的数字”一节），再向它插值。",
    ),
    "dim_numbers_each_within": ("{dim} numbers, each within ±{limit:g}", "{dim} 个数，每个在 ±{limit:g} 以内"),
    "random_sample_z_n": (
        "a random sample z ~ N(0, T²·I): T = {t:g}, seed {seed}",
        "随机样本 z ~ N(0, T²·I)：T = {t:g}，随机种子 {seed}",
    ),
    "your_drawing": ("your drawing", "你的手绘"),
    "test_digit_i_label": ("test digit #{i} (label {label})", "测试数字 #{i}（标签 {label}）"),
    "path_test_digit_label": (
        "the path from A, test digit #{a} (label {label}), to B, {b}: {n} steps, {method}",
        "从 A（测试数字 #{a}，标签 {label}）到 B（{b}）的路径：{n} 步，{method}插值",
    ),
    "your_drawings_encoding_mean": (
        "your drawing's encoding: μ, the mean of q(z|x)",
        "你画的数字的编码：μ，即 q(z|x) 的均值",
    ),
    "b_your_last_drawing": (
        "B is the μ of your last drawing, encoded with this model in 'Encode what you draw' below.",
        "B 是你最近一幅手绘数字的 μ，由当前模型在下方“编码你画的数字”一节中编码得到。",
    ),
    "prior_n_0_1": ("prior N(0, 1): ±1σ", "先验 N(0, 1)：±1σ"),
    "q_z_x_n": ("q(z|x) = N(μ, σ²) per latent dimension", "每个潜变量维度上的 q(z|x) = N(μ, σ²)"),
    "dimension": ("dimension", "维度"),
    "value": ("value", "值"),
    "reconstruction": ("reconstruction", "重建"),
    "term_value_nats": ("| term | value (nats) |", "| 项 | 值（nats） |"),
    "reconstruction_e_log_p": ("reconstruction E[log p(x\\|z)] (64 samples)", "重建项 E[log p(x\\|z)]（64 个样本）"),
    "samples_use_reparameterisation_z": (
        "Samples use the reparameterisation z = μ + σ ⊙ ε, ε ~ N(0, I) (seed {seed}).",
        "样本由重参数化技巧 z = μ + σ ⊙ ε, ε ~ N(0, I) 得到（随机种子 {seed}）。",
    ),
    "temperature": ("temperature", "温度"),
    "test_digit_index": ("test digit index", "测试数字编号"),
    "index_digit": ("index of digit A", "数字 A 的编号"),
    "index_digit_b": ("index of digit B", "数字 B 的编号"),
    "endpoint_b": ("endpoint B", "终点 B"),
    "interpolation": ("interpolation", "插值方式"),
    "number_steps": ("number of steps", "步数"),
    "number_samples": ("number of samples", "样本数"),
    "projection_vae2": ("projection for vae2", "vae2 的投影方式"),
    "projection_vae16": ("projection for vae16", "vae16 的投影方式"),
    "projection_vae16_beta4": ("projection for vae16_beta4", "vae16_beta4 的投影方式"),
    "vae": ("VAE", "VAE"),
    "model": ("Model", "模型"),
    "latent_map_click_point": ("Latent map (click a point to decode it)", "潜空间地图（点击某一点即可解码）"),
    "decoded_x_decoder_z": ("Decoded x = decoder(z)", "解码结果 x = decoder(z)"),
    "z_edit_press_enter": ("z (edit and press Enter)", "z（编辑后按回车）"),
    "temperature_t": ("Temperature T", "温度 T"),
    "seed": ("Seed", "随机种子"),
    "random_sample_z_n_2": ("Random sample z ~ N(0, T²·I)", "随机采样 z ~ N(0, T²·I)"),
    "latent_sliders_3_prior": ("**Latent sliders** (±3σ of the prior)", "**潜变量滑块**（先验的 ±3σ）"),
    "interpolate_between_two_digits": ("Interpolate between two digits", "在两个数字之间插值"),
    "test_digit_2": ("A: test digit #", "A：测试数字编号"),
    "n0_499_50_per": (
        "0–499, 50 per class in order: #0–49 are zeros, #50–99 ones, …",
        "0–499，每类 50 个按顺序排列：#0–49 是 0，#50–99 是 1，……",
    ),
    "b_test_digit": ("B: test digit #", "B：测试数字编号"),
    "path": ("Path", "路径"),
    "linear_1_t_z": (
        "linear: (1−t)·z_A + t·z_B; spherical (slerp) keeps |z| near the prior's shell",
        "线性：(1−t)·z_A + t·z_B；球面插值（slerp）让 |z| 保持在先验的球壳附近",
    ),
    "steps": ("Steps", "步数"),
    "interpolate": ("Interpolate", "插值"),
    "decodes_along_path_also": (
        "Decodes along the path (also drawn on the latent map)",
        "沿路径的解码结果（路径也画在潜空间地图上）",
    ),
    "encode_what_you_draw": ("Encode what you draw", "编码你画的数字"),
    "draw_digit_white_ink": (
        "Draw a digit, white ink is not needed: the stroke itself is the ink. It is centred and scaled like MNIST, encoded to q(z|x), reconstructed from μ, and sampled with the reparameterisation trick.",
        "画一个数字，不需要白色墨水：笔画本身就是墨迹。它会像 MNIST 一样被居中和缩放，编码为 q(z|x)，由 μ 重建，并用重参数化技巧采样。",
    ),
    "draw_digit": ("Draw a digit", "画一个数字"),
    "samples_q_z_x": ("Samples of q(z|x)", "q(z|x) 的样本数"),
    "encode": ("Encode", "编码"),
    "x_model_sees": ("x as the model sees it", "模型看到的 x"),
    "decoder": ("decoder(μ)", "decoder(μ)"),
    "decoder_z_z": ("decoder(z), z = μ + σ ⊙ ε", "decoder(z)，z = μ + σ ⊙ ε"),
    "seed_2": ("seed", "随机种子"),
    "samples": ("samples", "样本数"),
    "data": ("data", "数据"),
    "model_2": ("model", "模型"),
}

say = declare("vae", TEXTS)
