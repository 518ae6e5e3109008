# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the VAE tab: the choice names still missing from the fixed texts, the guided tour, and
every text the handlers write through ``tr`` (the model card, the map caption, the μ ± σ plot, the ELBO table,
the error messages and the inputs' names the checks quote). Keyed by the English template; the values in
braces and the maths stay as they are; terms follow ``playground.glossary``."""

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "latent space: an encoder, a decoder and the ELBO; the latent plane you can walk.": "潜空间：编码器、解码器与 ELBO；可以在潜在平面上漫步。",
    # fixed texts: the model menu's and the radios' choice names
    "vae2 — 2-D latent, β = 1": "vae2 — 二维潜空间，β = 1",
    "vae16 — 16-D latent, β = 1": "vae16 — 16 维潜空间，β = 1",
    "vae16_beta4 — 16-D latent, β = 4 (β-VAE)": "vae16_beta4 — 16 维潜空间，β = 4（β-VAE）",
    "latent plane": "潜平面",
    "decoded manifold": "解码流形",
    "B is": "B 是",
    "test digit": "测试数字",
    "my drawing": "我画的数字",
    "linear": "线性",
    "spherical": "球面",
    # the guided tour (links unchanged)
    "**Guided tour**\n1. [Walk the 2-D latent plane](?tab=vae&vae-seed=0&vae-projection=decoded%20manifold&run=vae-sample): the map is\n   now the decoder itself, the digit decoded at every point of the plane. Neighbouring z decode to neighbouring\n   digits and one class melts into the next at its border; click anywhere, or drag z1 and z2, to walk it.\n2. [decoder(μ) beside the data](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-steps=2&run=vae-interpolate): the strip holds the\n   reconstructions of the 2 and the 8 shown above it: the same digits, soft and grey at the edges. **Why a VAE is\n   blurry**: decoder(z) is the mean of p(x|z), the average of every digit whose q(z|x) reaches z, and a\n   pixel-by-pixel likelihood pays less for a grey edge than for a stroke in the wrong place.\n3. [Temperature T = 0](?tab=vae&vae-model=vae16&vae-temperature=0&run=vae-sample): z = 0, the prior's centre, decodes to one smooth,\n   average digit. [T = 0.5](?tab=vae&vae-model=vae16&vae-temperature=0.5&run=vae-sample) and\n   [T = 1](?tab=vae&vae-model=vae16&vae-temperature=1&run=vae-sample) scale the same ε (seed 0). At T = 1, the prior itself, the\n   evaluator is sure (> 90%) of only 13% of the samples, at T = 0.5 of 28%: the prior has regions no encoding\n   filled, and a lower T trades variety for digits.\n4. [Linear interpolation](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=linear&vae-steps=9&run=vae-interpolate) against\n   [spherical (slerp)](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=spherical&vae-steps=9&run=vae-interpolate): a 2 becomes an 8. In\n   16-D the encodings lie near the prior's shell (|z| ≈ 4); the straight line cuts inside it (|z| falls from 4.5\n   to 2.8 halfway), towards the blurry average digit of T = 0, while slerp keeps |z| ≈ 4.5 and its middle frames\n   stay sharper.\n5. [β = 4](?tab=vae&vae-model=vae16_beta4&vae-index-a=105&vae-index-b=405&vae-steps=9&run=vae-interpolate): four times the KL weight pulls every q(z|x) towards\n   N(0, I). The card shows KL 9.1 nats instead of 22.5, and the price, reconstruction −117.2 nats instead of\n   −84.0: the same 2 → 8 is blurrier. What it buys is a space the prior covers:\n   [samples at T = 1](?tab=vae&vae-model=vae16_beta4&vae-temperature=1&run=vae-sample) are digits the evaluator is sure of twice as\n   often (28% against 13%).": "**导览**\n1. [漫步二维潜平面](?tab=vae&vae-seed=0&vae-projection=decoded%20manifold&run=vae-sample)：此时地图就是解码器本身，即平面上每一点解码出的数字。相邻的 z 解码成相近的数字，一个类别在边界处渐渐变成另一个类别；点击任意位置，或拖动 z1 和 z2，在平面上漫步。\n2. [decoder(μ) 与数据并排](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-steps=2&run=vae-interpolate)：条带里是上方那个 2 和那个 8 的重建：还是那两个数字，但边缘柔和发灰。**VAE 为什么模糊**：decoder(z) 是 p(x|z) 的均值，即所有 q(z|x) 能覆盖到 z 的数字的平均；而逐像素的似然对边缘发灰的惩罚，比对笔画画错位置的惩罚小得多。\n3. [温度 T = 0](?tab=vae&vae-model=vae16&vae-temperature=0&run=vae-sample)：z = 0 即先验的中心，解码出一个平滑的“平均”数字。[T = 0.5](?tab=vae&vae-model=vae16&vae-temperature=0.5&run=vae-sample) 和 [T = 1](?tab=vae&vae-model=vae16&vae-temperature=1&run=vae-sample) 缩放的是同一个 ε（随机种子 0）。T = 1 即先验本身，评估器只对 13% 的样本有把握（> 90%），T = 0.5 时为 28%：先验中有些区域没有任何编码填到，较低的 T 用多样性换来更像数字的样本。\n4. [线性插值](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=linear&vae-steps=9&run=vae-interpolate) 对比 [球面插值（slerp）](?tab=vae&vae-model=vae16&vae-index-a=105&vae-index-b=405&vae-method=spherical&vae-steps=9&run=vae-interpolate)：一个 2 变成一个 8。在 16 维中，编码都位于先验的“球壳”附近（|z| ≈ 4）；直线从壳内穿过（走到一半时 |z| 从 4.5 降到 2.8），靠近 T = 0 时那个模糊的平均数字；slerp 则让 |z| 一直保持在 4.5 左右，中间几帧更清晰。\n5. [β = 4](?tab=vae&vae-model=vae16_beta4&vae-index-a=105&vae-index-b=405&vae-steps=9&run=vae-interpolate)：KL 项的权重变为 4 倍，把每个 q(z|x) 都拉向 N(0, I)。模型卡片上的 KL 是 9.1 nats 而不是 22.5，代价是重建项为 −117.2 nats 而不是 −84.0：同样的 2 → 8 更模糊了。换来的是一个被先验覆盖得更好的潜空间：[T = 1 时的样本](?tab=vae&vae-model=vae16_beta4&vae-temperature=1&run=vae-sample)中，评估器有把握的数字是 vae16 的两倍（28% 对 13%）。",
    # written by the handlers: the model card (a description of each model, then the card)
    "2-D latent, β = 1": "二维潜空间，β = 1",
    "16-D latent, β = 1": "16 维潜空间，β = 1",
    "16-D latent, β = 4 (β-VAE)": "16 维潜空间，β = 4（β-VAE）",
    "**{model}** — latent D = {dim}, β = {beta:g}. Held-out ELBO **{elbo:.1f} nats** (reconstruction {recon:.1f}, KL {kl:.1f}); the evaluator reads **{accuracy:.1f}%** of its test reconstructions as the right digit. Trained by `{command}`.": "**{model}** — 潜变量维数 D = {dim}，β = {beta:g}。留出数据上的 ELBO 为 **{elbo:.1f} nats**（重建项 {recon:.1f}，KL {kl:.1f}）；评估器把 **{accuracy:.1f}%** 的测试重建认作正确的数字。训练命令 `{command}`。",
    # the map's caption, the interpolation's error
    "nearest test digit #{i} (label {label})": "最近的测试数字 #{i}（标签 {label}）",
    "Encode a drawing with this model first (section 'Encode what you draw'), then interpolate to it.": "请先用这个模型编码一幅手绘数字（“编码你画的数字”一节），再向它插值。",
    # the z box's info line for the current model; the map's caption after a sample, an interpolation, an encoding
    "{dim} numbers, each within ±{limit:g}": "{dim} 个数，每个在 ±{limit:g} 以内",
    "a random sample z ~ N(0, T²·I): T = {t:g}, seed {seed}": "随机样本 z ~ N(0, T²·I)：T = {t:g}，随机种子 {seed}",
    "your drawing": "你的手绘",  # as in the latent tab
    "test digit #{i} (label {label})": "测试数字 #{i}（标签 {label}）",
    "the path from A, test digit #{a} (label {label}), to B, {b}: {n} steps, {method}": "从 A（测试数字 #{a}，标签 {label}）到 B（{b}）的路径：{n} 步，{method}插值",
    "your drawing's encoding: μ, the mean of q(z|x)": "你画的数字的编码：μ，即 q(z|x) 的均值",
    # fixed text: the note shown instead of B's index when B is the drawing
    "B is the μ of your last drawing, encoded with this model in 'Encode what you draw' below.": "B 是你最近一幅手绘数字的 μ，由当前模型在下方“编码你画的数字”一节中编码得到。",
    # encoding a drawing: the μ ± σ plot and the ELBO table
    "prior N(0, 1): ±1σ": "先验 N(0, 1)：±1σ",
    "q(z|x) = N(μ, σ²) per latent dimension": "每个潜变量维度上的 q(z|x) = N(μ, σ²)",
    "dimension": "维度",
    "value": "值",
    "reconstruction": "重建",
    "| term | value (nats) |": "| 项 | 值（nats） |",
    "reconstruction E[log p(x\\|z)] (64 samples)": "重建项 E[log p(x\\|z)]（64 个样本）",
    "Samples use the reparameterisation z = μ + σ ⊙ ε, ε ~ N(0, I) (seed {seed}).": "样本由重参数化技巧 z = μ + σ ⊙ ε, ε ~ N(0, I) 得到（随机种子 {seed}）。",
    # the inputs' names in the input checks' messages (validate.*); "model" and "seed" are shared
    "temperature": "温度",
    "test digit index": "测试数字编号",
    "index of digit A": "数字 A 的编号",
    "index of digit B": "数字 B 的编号",
    "endpoint B": "终点 B",
    "interpolation": "插值方式",
    "number of steps": "步数",
    "number of samples": "样本数",
    "projection for vae2": "vae2 的投影方式",
    "projection for vae16": "vae16 的投影方式",
    "projection for vae16_beta4": "vae16_beta4 的投影方式",
}
