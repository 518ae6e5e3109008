# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the latent-diffusion tab: the pipeline's status lines and pictures, the pixel-vs-latent cost
table, img2img, inpainting, the negative class, the autoencoders' table, their error messages, and the tab's
choice names. Keyed by the English template; the values in braces stay as they are."""

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "Stable Diffusion's pipeline in miniature — autoencoder, latent UNet, img2img.": "迷你版 Stable Diffusion 流水线——自编码器、潜空间 UNet、图生图。",
    # progress lines of the streamed views
    "The pixel model": "像素模型",
    "The latent model": "潜空间模型",
    "Plain CFG": "普通 CFG",
    "Strength {k} of {n}": "强度 {k}/{n}",
    "Latent blending": "潜空间混合",
    "RePaint": "RePaint",
    # choice names (fixed texts) and the inputs' names in error messages
    "top half": "上半部分",
    "bottom half": "下半部分",
    "left half": "左半部分",
    "right half": "右半部分",
    "centre square": "中央方块",
    "brushed": "手动涂抹",
    "strength": "强度",
    # the pipeline (streamed)
    "Press **Sample in the latent**.": "请点击**在潜空间中采样**。",
    "{sampler}: step {i}/{steps} (t = {t}) in the 4×8×8 latent, {s:.1f} s": "{sampler}：第 {i}/{steps} 步（t = {t}），在 4×8×8 的潜空间中，{s:.1f} 秒",
    "**{sampler}: {steps} steps in {s:.1f} s, then one decoder pass ({ms:.0f} ms) for all {n}.** {reading}": "**{sampler}：{steps} 步用时 {s:.1f} 秒，然后 {n} 个样本一起过一次解码器（{ms:.0f} 毫秒）。** {reading}",
    "The evaluator reads: {digits}.": "评估器的识别结果：{digits}。",
    "The evaluator reads **{k}/{n}** as a {digit}.": "评估器把其中 **{k}/{n}** 个识别为 {digit}。",
    "z_t (noisy latent)": "z_t（含噪潜变量）",
    "z0_hat (predicted clean latent)": "z0_hat（预测的干净潜变量）",
    # pixel vs latent
    "{n} samples of class {digit}, {sampler}-{steps}, w = {w:g}, seed {seed}; a step is one guided pass on 2 × {n} inputs. Measured now, on this machine.": "类别 {digit} 的 {n} 个样本，{sampler}-{steps}，w = {w:g}，随机种子 {seed}；一步是对 2 × {n} 个输入做一次带引导的前向计算。现在在本机上测得。",
    "| | pixel model | latent model | pixel / latent |": "| | 像素模型 | 潜空间模型 | 像素 / 潜空间 |",
    "| values a step denoises | 1×32×32 = 1,024 | 4×8×8 = 256 | {r:.0f}× |": "| 每步去噪的数值个数 | 1×32×32 = 1,024 | 4×8×8 = 256 | {r:.0f}× |",
    "| UNet parameters | {p:.2f} M | {l:.2f} M | {r:.2f}× |": "| UNet 参数量 | {p:.2f} M | {l:.2f} M | {r:.2f}× |",
    "| FLOPs per step per sample (guided pair) | {p:.0f} M | {l:.0f} M | **{r:.1f}×** |": "| 每个样本每步的 FLOPs（带引导的一对） | {p:.0f} M | {l:.0f} M | **{r:.1f}×** |",
    "| ms per step (all {n}) | {p:.1f} | {l:.1f} | **{r:.1f}×** |": "| 每步毫秒数（全部 {n} 个） | {p:.1f} | {l:.1f} | **{r:.1f}×** |",
    "| decoder | — | {mflops:.0f} MFLOPs, {ms:.0f} ms for all {n} | |": "| 解码器 | — | {mflops:.0f} MFLOPs，全部 {n} 个用时 {ms:.0f} 毫秒 | |",
    "| ms per sample, decode included | {p:.1f} | {l:.1f} | **{r:.1f}×** |": "| 每个样本毫秒数（含解码） | {p:.1f} | {l:.1f} | **{r:.1f}×** |",
    "**At 512×512** (the same UNets, FLOPs counted at that size): a pixel step costs {p:.0f} GFLOPs, a step in the f = 4 latent (128×128) {l:.0f} (**{r4:.0f}×** fewer), in an f = 8 latent (64×64, Stable Diffusion's) {l8:.0f} (**{r8:.0f}×** fewer; SD's latent holds 48× fewer values than its RGB image). The saving grows with the image because the convolutions scale with the number of positions and attention with its square; at 32×32 the images are already small, so the gain here is modest.": "**在 512×512 时**（同样的 UNet，按该尺寸统计 FLOPs）：像素空间一步要 {p:.0f} GFLOPs，f = 4 的潜空间（128×128）一步要 {l:.0f}（少 **{r4:.0f}×**），f = 8 的潜空间（64×64，Stable Diffusion 所用）一步要 {l8:.0f}（少 **{r8:.0f}×**；SD 的潜变量比它的 RGB 图像少 48 倍数值）。图像越大，节省越多：卷积的计算量随位置数增长，注意力随位置数的平方增长；32×32 的图像本来就小，所以这里的收益有限。",
    # img2img
    "your drawing": "你的手绘",
    "your upload": "你上传的图片",
    "test digit #{i} (a {y})": "测试数字 #{i}（一个 {y}）",
    "{name} → a **{target}** at strength **s = {s:g}**: {ran} of {steps} DDIM steps run, from the input noised to their first timestep (s = 1: from pure noise, the input forgotten). The evaluator gives the result p({target}) = **{p:.2f}**; its mean distance to the input is **{d:.3f}** (mean |Δ| per pixel, 0 = unchanged). Under each strip image: s, d = that distance, p = p({target}). {runs} runs in {seconds:.1f} s.": "{name} → 一个 **{target}**，强度 **s = {s:g}**：运行 {steps} 步 DDIM 中的 {ran} 步，起点是加噪到其中第一个时间步的输入（s = 1：从纯噪声开始，输入被完全遗忘）。评估器给结果的 p({target}) = **{p:.2f}**；它与输入的平均距离为 **{d:.3f}**（每个像素的平均 |Δ|，0 = 未改变）。条带中每张图下方：s、d = 该距离、p = p({target})。共 {runs} 次运行，用时 {seconds:.1f} 秒。",
    "The upload is blank: it needs a digit with some contrast.": "上传的图片是空白的：需要一个有一定对比度的数字。",
    # inpainting
    "Brush over the part of the digit to replace first (or choose a preset mask).": "请先涂抹数字中要替换的部分（或选择一个预设掩码）。",
    "The brushed mask is too large a picture.": "涂抹的掩码图片太大。",
    "The mask is empty: brush over the part of the digit to replace.": "掩码是空的：请涂抹数字中要替换的部分。",
    "The mask covers the whole digit: that is plain sampling — leave some of the digit to keep.": "掩码覆盖了整个数字：那就是普通的采样了——请留下数字的一部分保持不变。",
    "Inpainting takes a test digit or a drawing.": "图像修复的输入只能是测试数字或手绘。",
    "{name}, the red region filled as a **{digit}** (w = {w:g}, {n} seeds from {seed}).": "{name}，红色区域填成一个 **{digit}**（w = {w:g}，从 {seed} 起的 {n} 个随机种子）。",
    "| method | model, space | network calls | seconds | read as a {digit} |": "| 方法 | 模型与空间 | 网络调用次数 | 秒 | 识别为 {digit} |",
    "| latent blending | latent model, 4×8×8 (mask pooled to 8×8) | {calls} | {s:.1f} | {k}/{n} |": "| 潜空间混合 | 潜空间模型，4×8×8（掩码池化到 8×8） | {calls} | {s:.1f} | {k}/{n} |",
    "| RePaint (jump {jump}, {resamplings} resamplings) | pixel model, 32×32 | {calls} | {s:.1f} | {k}/{n} |": "| RePaint（跳跃长度 {jump}，重采样 {resamplings} 次） | 像素模型，32×32 | {calls} | {s:.1f} | {k}/{n} |",
    "Kept pixels: RePaint returns them within {err:.0e} (its last step is the original); latent blending decodes an 8×8 code, so its kept pixels are pasted back from the input.": "保留的像素：RePaint 返回的误差在 {err:.0e} 以内（它的最后一步就是原图）；潜空间混合解码的是 8×8 的编码，所以它保留的像素是从输入中贴回去的。",
    # the negative class
    "The class and the negative class must differ (a 7, not a 1).": "类别和负类别必须不同（例如：要 7，不要 1）。",
    "any digit": "任意数字",
    "a {digit}": "一个 {digit}",
    "the null class (plain CFG)": "空类别（普通 CFG）",
    "nothing (unconditional samples)": "无（无条件样本）",
    "the class {negative} (negative class)": "类别 {negative}（负类别）",
    "**{wanted}, not a {negative}**: w = {w:g}, DDIM-{steps}, the same {n} starting latents (seed {seed}) in both rows.": "**{wanted}，但不要 {negative}**：w = {w:g}，DDIM-{steps}，两行使用同样的 {n} 个初始潜变量（随机种子 {seed}）。",
    "| guidance away from | read as the class asked for | read as a {negative} | mean p({negative}) |": "| 引导推离的对象 | 识别为所要求的类别 | 识别为 {negative} | 平均 p({negative}) |",
    "At w = 1 both rows are the conditional model alone (ε_neg cancels); the negative class acts through w > 1, by pushing away from it.": "w = 1 时两行都只是条件模型本身（ε_neg 被抵消）；负类别要在 w > 1 时才起作用，靠的是把采样推离它。",
    # the autoencoders
    "reads {k} ({p:.2f})": "识别为 {k}（{p:.2f}）",
    "| f | latent c×h×w | values in / out | test PSNR | evaluator accuracy on reconstructions | KL per digit |": "| f | 潜变量 c×h×w | 数值个数之比（图像 / 潜变量） | 测试 PSNR | 评估器在重建图像上的准确率 | 每个数字的 KL |",
    "{name} encoded to z = s·μ(x) and decoded, at each factor. Held-out digits (500):": "{name} 在每种倍数下编码为 z = s·μ(x) 再解码。留出的数字（500 个）：",
    "The latent model diffuses in the **f = 4** code: 4× fewer values than the image, and the round trip keeps almost every digit readable; f = 8 loses strokes, f = 2 saves nothing.": "潜空间模型在 **f = 4** 的编码中做扩散：数值比图像少 4 倍，而且编码再解码后几乎每个数字都还能认出；f = 8 会丢笔画，f = 2 则什么也没省下。",
}
