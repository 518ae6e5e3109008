# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""The latent tab's texts, English and Chinese side by side under stable keys (``playground.texts``): the
fixed texts of its page (``say.fixed(key)``), what its handlers write (``say(key, **values)``) and the
names of its choices and inputs that the shared checks say (looked up by their English). Values in braces
stay as they are; terms follow ``playground.glossary``."""

from playground.texts import declare

TEXTS: dict[str, tuple[str, str]] = {
    "stable_diffusions_pipeline_miniature": (
        "Stable Diffusion's pipeline in miniature — autoencoder, latent UNet, img2img.",
        "迷你版 Stable Diffusion 流水线——自编码器、潜空间 UNet、图生图。",
    ),
    "pixel_model": ("The pixel model", "像素模型"),
    "latent_model": ("The latent model", "潜空间模型"),
    "plain_cfg": ("Plain CFG", "普通 CFG"),
    "strength_k_n": ("Strength {k} of {n}", "强度 {k}/{n}"),
    "latent_blending": ("Latent blending", "潜空间混合"),
    "repaint": ("RePaint", "RePaint"),
    "top_half": ("top half", "上半部分"),
    "bottom_half": ("bottom half", "下半部分"),
    "left_half": ("left half", "左半部分"),
    "right_half": ("right half", "右半部分"),
    "centre_square": ("centre square", "中央方块"),
    "brushed": ("brushed", "手动涂抹"),
    "strength": ("strength", "强度"),
    "press_sample_latent": ("Press **Sample in the latent**.", "请点击**在潜空间中采样**。"),
    "sampler_step_i_steps": (
        "{sampler}: step {i}/{steps} (t = {t}) in the 4×8×8 latent, {s:.1f} s",
        "{sampler}：第 {i}/{steps} 步（t = {t}），在 4×8×8 的潜空间中，{s:.1f} 秒",
    ),
    "sampler_steps_steps_s": (
        "**{sampler}: {steps} steps in {s:.1f} s, then one decoder pass ({ms:.0f} ms) for all {n}.** {reading}",
        "**{sampler}：{steps} 步用时 {s:.1f} 秒，然后 {n} 个样本一起过一次解码器（{ms:.0f} 毫秒）。** {reading}",
    ),
    "evaluator_reads_digits": ("The evaluator reads: {digits}.", "评估器的识别结果：{digits}。"),
    "evaluator_reads_k_n": (
        "The evaluator reads **{k}/{n}** as a {digit}.",
        "评估器把其中 **{k}/{n}** 个识别为 {digit}。",
    ),
    "z_t_noisy_latent": ("z_t (noisy latent)", "z_t（含噪潜变量）"),
    "z0_hat_predicted_clean": ("ẑ₀ (predicted clean latent)", "ẑ₀（预测的干净潜变量）"),
    "n_samples_class_digit": (
        "{n} samples of class {digit}, {sampler}-{steps}, w = {w:g}, seed {seed}; a step is one guided pass on 2 × {n} inputs. Measured now, on this machine.",
        "类别 {digit} 的 {n} 个样本，{sampler}-{steps}，w = {w:g}，随机种子 {seed}；一步是对 2 × {n} 个输入做一次带引导的前向计算。现在在本机上测得。",
    ),
    "pixel_model_latent_model": (
        "| | pixel model | latent model | pixel / latent |",
        "| | 像素模型 | 潜空间模型 | 像素 / 潜空间 |",
    ),
    "values_step_denoises_1": (
        "| values a step denoises | 1×32×32 = 1,024 | 4×8×8 = 256 | {r:.0f}× |",
        "| 每步去噪的数值个数 | 1×32×32 = 1,024 | 4×8×8 = 256 | {r:.0f}× |",
    ),
    "unet_parameters_p_2f": (
        "| UNet parameters | {p:.2f} M | {l:.2f} M | {r:.2f}× |",
        "| UNet 参数量 | {p:.2f} M | {l:.2f} M | {r:.2f}× |",
    ),
    "flops_per_step_per": (
        "| FLOPs per step per sample (guided pair) | {p:.0f} M | {l:.0f} M | **{r:.1f}×** |",
        "| 每个样本每步的 FLOPs（带引导的一对） | {p:.0f} M | {l:.0f} M | **{r:.1f}×** |",
    ),
    "ms_per_step_all": (
        "| ms per step (all {n}) | {p:.1f} | {l:.1f} | **{r:.1f}×** |",
        "| 每步毫秒数（全部 {n} 个） | {p:.1f} | {l:.1f} | **{r:.1f}×** |",
    ),
    "decoder_mflops_0f_mflops": (
        "| decoder | — | {mflops:.0f} MFLOPs, {ms:.0f} ms for all {n} | |",
        "| 解码器 | — | {mflops:.0f} MFLOPs，全部 {n} 个用时 {ms:.0f} 毫秒 | |",
    ),
    "ms_per_sample_decode": (
        "| ms per sample, decode included | {p:.1f} | {l:.1f} | **{r:.1f}×** |",
        "| 每个样本毫秒数（含解码） | {p:.1f} | {l:.1f} | **{r:.1f}×** |",
    ),
    "n512_512_same_unets": (
        "**At 512×512** (the same UNets, FLOPs counted at that size): a pixel step costs {p:.0f} GFLOPs, a step in the f = 4 latent (128×128) {l:.0f} (**{r4:.0f}×** fewer), in an f = 8 latent (64×64, Stable Diffusion's) {l8:.0f} (**{r8:.0f}×** fewer; SD's latent holds 48× fewer values than its RGB image). The saving grows with the image because the convolutions scale with the number of positions and attention with its square; at 32×32 the images are already small, so the gain here is modest.",
        "**在 512×512 时**（同样的 UNet，按该尺寸统计 FLOPs）：像素空间一步要 {p:.0f} GFLOPs，f = 4 的潜空间（128×128）一步要 {l:.0f}（少 **{r4:.0f}×**），f = 8 的潜空间（64×64，Stable Diffusion 所用）一步要 {l8:.0f}（少 **{r8:.0f}×**；SD 的潜变量比它的 RGB 图像少 48 倍数值）。图像越大，节省越多：卷积的计算量随位置数增长，注意力随位置数的平方增长；32×32 的图像本来就小，所以这里的收益有限。",
    ),
    "your_drawing": ("your drawing", "你的手绘"),
    "your_upload": ("your upload", "你上传的图片"),
    "test_digit_i_y": ("test digit #{i} (a {y})", "测试数字 #{i}（一个 {y}）"),
    "name_target_strength_s": (
        "{name} → a **{target}** at strength **s = {s:g}**: {ran} of {steps} DDIM steps run, from the input noised to their first timestep (s = 1: from pure noise, the input forgotten). The evaluator gives the result p({target}) = **{p:.2f}**; its mean distance to the input is **{d:.3f}** (mean |Δ| per pixel, 0 = unchanged). Under each strip image: s, d = that distance, p = p({target}). {runs} runs in {seconds:.1f} s.",
        "{name} → 一个 **{target}**，强度 **s = {s:g}**：运行 {steps} 步 DDIM 中的 {ran} 步，起点是加噪到其中第一个时间步的输入（s = 1：从纯噪声开始，输入被完全遗忘）。评估器给结果的 p({target}) = **{p:.2f}**；它与输入的平均距离为 **{d:.3f}**（每个像素的平均 |Δ|，0 = 未改变）。条带中每张图下方：s、d = 该距离、p = p({target})。共 {runs} 次运行，用时 {seconds:.1f} 秒。",
    ),
    "upload_blank_needs_digit": (
        "The upload is blank: it needs a digit with some contrast.",
        "上传的图片是空白的：需要一个有一定对比度的数字。",
    ),
    "brush_over_part_digit": (
        "Brush over the part of the digit to replace first (or choose a preset mask).",
        "请先涂抹数字中要替换的部分（或选择一个预设掩码）。",
    ),
    "brushed_mask_too_large": ("The brushed mask is too large a picture.", "涂抹的掩码图片太大。"),
    "mask_empty_brush_over": (
        "The mask is empty: brush over the part of the digit to replace.",
        "掩码是空的：请涂抹数字中要替换的部分。",
    ),
    "mask_covers_whole_digit": (
        "The mask covers the whole digit: that is plain sampling — leave some of the digit to keep.",
        "掩码覆盖了整个数字：那就是普通的采样了——请留下数字的一部分保持不变。",
    ),
    "inpainting_takes_test_digit": (
        "Inpainting takes a test digit or a drawing.",
        "图像修复的输入只能是测试数字或手绘。",
    ),
    "name_red_region_filled": (
        "{name}, the red region filled as a **{digit}** (w = {w:g}, {n} seeds from {seed}).",
        "{name}，红色区域填成一个 **{digit}**（w = {w:g}，从 {seed} 起的 {n} 个随机种子）。",
    ),
    "method_model_space_network": (
        "| method | model, space | network calls | seconds | read as a {digit} |",
        "| 方法 | 模型与空间 | 网络调用次数 | 秒 | 识别为 {digit} |",
    ),
    "latent_blending_latent_model": (
        "| latent blending | latent model, 4×8×8 (mask pooled to 8×8) | {calls} | {s:.1f} | {k}/{n} |",
        "| 潜空间混合 | 潜空间模型，4×8×8（掩码池化到 8×8） | {calls} | {s:.1f} | {k}/{n} |",
    ),
    "repaint_jump_jump_resamplings": (
        "| RePaint (jump {jump}, {resamplings} resamplings) | pixel model, 32×32 | {calls} | {s:.1f} | {k}/{n} |",
        "| RePaint（跳跃长度 {jump}，重采样 {resamplings} 次） | 像素模型，32×32 | {calls} | {s:.1f} | {k}/{n} |",
    ),
    "kept_pixels_repaint_returns": (
        "Kept pixels: RePaint returns them within {err:.0e} (its last step is the original); latent blending decodes an 8×8 code, so its kept pixels are pasted back from the input.",
        "保留的像素：RePaint 返回的误差在 {err:.0e} 以内（它的最后一步就是原图）；潜空间混合解码的是 8×8 的编码，所以它保留的像素是从输入中贴回去的。",
    ),
    "class_negative_class_must": (
        "The class and the negative class must differ (a 7, not a 1).",
        "类别和负类别必须不同（例如：要 7，不要 1）。",
    ),
    "any_digit": ("any digit", "任意数字"),
    "digit": ("a {digit}", "一个 {digit}"),
    "null_class_plain_cfg": ("the null class (plain CFG)", "空类别（普通 CFG）"),
    "nothing_unconditional_samples": ("nothing (unconditional samples)", "无（无条件样本）"),
    "class_negative_negative_class": ("the class {negative} (negative class)", "类别 {negative}（负类别）"),
    "wanted_not_negative_w": (
        "**{wanted}, not a {negative}**: w = {w:g}, DDIM-{steps}, the same {n} starting latents (seed {seed}) in both rows.",
        "**{wanted}，但不要 {negative}**：w = {w:g}，DDIM-{steps}，两行使用同样的 {n} 个初始潜变量（随机种子 {seed}）。",
    ),
    "guidance_away_read_class": (
        "| guidance away from | read as the class asked for | read as a {negative} | mean p({negative}) |",
        "| 引导推离的对象 | 识别为所要求的类别 | 识别为 {negative} | 平均 p({negative}) |",
    ),
    "negative_mostly": (
        "Away from the {negative}s, {count} of {n} samples are {mode}s: guidance away from a class pushes towards what "
        "is least like it, not towards an even mix of the others.",
        "远离 {negative} 之后，{n} 个样本中有 {count} 个是 {mode}：远离某个类别的引导会把样本推向最不像它的样子，"
        "而不是均匀地分到其余各类。",
    ),
    "w_1_both_rows": (
        "At w = 1 both rows are the conditional model alone (ε_neg cancels); the negative class acts through w > 1, by pushing away from it.",
        "w = 1 时两行都只是条件模型本身（ε_neg 被抵消）；负类别要在 w > 1 时才起作用，靠的是把采样推离它。",
    ),
    "reads_k_p_2f": ("reads {k} ({p:.2f})", "识别为 {k}（{p:.2f}）"),
    "f_latent_c_h": (
        "| f | latent c×h×w | values in / out | test PSNR | evaluator accuracy on reconstructions | KL per digit |",
        "| f | 潜变量 c×h×w | 数值个数之比（图像 / 潜变量） | 测试 PSNR | 评估器在重建图像上的准确率 | 每个数字的 KL |",
    ),
    "name_encoded_z_s": (
        "{name} encoded to z = s·μ(x) and decoded, at each factor. Held-out digits (500):",
        "{name} 在每种倍数下编码为 z = s·μ(x) 再解码。留出的数字（500 个）：",
    ),
    "latent_model_diffuses_f": (
        "The latent model diffuses in the **f = 4** code: 4× fewer values than the image, and the round trip keeps almost every digit readable; f = 8 loses strokes, f = 2 saves nothing.",
        "潜空间模型在 **f = 4** 的编码中做扩散：数值比图像少 4 倍，而且编码再解码后几乎每个数字都还能认出；f = 8 会丢笔画，f = 2 则什么也没省下。",
    ),
    "seed": ("seed", "随机种子"),
    "upload": ("upload", "上传"),
    "drawing": ("drawing", "手绘"),
    "sampler": ("sampler", "采样器"),
    "steps": ("steps", "步数"),
    "class": ("class", "类别"),
    "guidance_scale_w": ("guidance scale w", "引导强度 w"),
    "samples": ("samples", "样本数"),
    "stop": ("Stop", "停止"),
    "ddim_steps": ("DDIM steps", "DDIM 步数"),
    "test_digit": ("test digit #", "测试数字编号"),
    "latent_diffusion": ("Latent diffusion", "潜在扩散"),
    "pipeline": ("Pipeline", "流水线"),
    "sample_latent": ("▶ Sample in the latent", "▶ 在潜空间中采样"),
    "each_step_latents_4": (
        "**Each step**: the latent's 4 channels, and D(ẑ₀)",
        "**每一步**：潜变量的 4 个通道，以及 D(ẑ₀)",
    ),
    "decoders_output": ("**The decoder's output**", "**解码器的输出**"),
    "first_samples_run_noise": (
        "**The first sample's run**, from noise (top) to the end (bottom)",
        "**第一个样本的整个过程**，从噪声（上）到结束（下）",
    ),
    "pixel_vs_latent": ("Pixel vs latent", "像素 vs 潜空间"),
    "pixel_model_32_32": (
        "The pixel model (32×32) and the latent model (4×8×8), the same class, sampler, steps, guidance and seed — timed now, on this machine, with the FLOPs of one step counted.",
        "像素模型（32×32）与潜在模型（4×8×8），相同的类别、采样器、步数、引导和种子——现在在本机上计时，并统计一步的 FLOPs。",
    ),
    "run_both": ("▶ Run both", "▶ 两者都运行"),
    "pixel_model_2": ("Pixel model", "像素模型"),
    "latent_model_decoded": ("Latent model (decoded)", "潜在模型（已解码）"),
    "img2img": ("img2img", "img2img（图生图）"),
    "img2img_sdedit_encode_input": (
        "**img2img** (SDEdit): encode the input, add noise up to the timestep the **strength** s implies, then denoise towards the target class. s = 0 gives the input back; s = 1 starts from pure noise and forgets it.",
        "**img2img**（SDEdit）：编码输入，按**强度** s 对应的时间步加噪，再朝目标类别去噪。s = 0 原样返回输入；s = 1 从纯噪声开始，完全忘掉输入。",
    ),
    "input": ("input", "输入"),
    "test_digit_0_499": ("test digit # (0–499, 50 per class in order)", "测试数字编号（0–499，每类 50 个按顺序排列）"),
    "draw_digit_input_drawing": ("Draw a digit (input: drawing)", "画一个数字（输入：手绘）"),
    "upload_digit_input_upload": ("Upload a digit (input: upload)", "上传一个数字（输入：上传）"),
    "target_class": ("target class", "目标类别"),
    "strength_s": ("strength s", "强度 s"),
    "img2img_2": ("▶ img2img", "▶ 图生图"),
    "input_result_s": ("Input → result at s", "输入 → 强度 s 下的结果"),
    "same_seed_over_s": ("**The same seed over s = 0 … 1**", "**同一种子在 s = 0 … 1 上的结果**"),
    "inpainting": ("Inpainting", "图像修复"),
    "inpainting_models_never_trained": (
        "**Inpainting** with models never trained for it: the red region is generated, the rest kept. **Latent blending**: after every step the kept part of the latent is replaced by the input's latent noised to that step. **RePaint**: the same in pixels with diffusers' RePaintScheduler, going back up the noise now and then so the new part can agree with the old.",
        "用从未为此训练过的模型做**图像修复**：红色区域被重新生成，其余保留。**潜空间混合**：每一步之后，把潜变量中要保留的部分替换为输入的潜变量加噪到该步的结果。**RePaint**：在像素空间做同样的事（diffusers 的 RePaintScheduler），并不时回到更高的噪声，使新生成的部分与原有部分协调。",
    ),
    "mask": ("mask", "掩码"),
    "brush_region_replace_mask": ("Brush the region to replace (mask: brushed)", "涂出要替换的区域（掩码：涂抹）"),
    "fill_class": ("fill with class", "填充为类别"),
    "inpaint": ("▶ Inpaint", "▶ 修复"),
    "mask_latent_blending_row": (
        "The mask · latent blending (row 1) · RePaint (row 2)",
        "掩码 · 潜空间混合（第 1 行）· RePaint（第 2 行）",
    ),
    "negative_class": ("Negative class", "负类别"),
    "negative_class_stable_diffusions": (
        "A **negative class** is Stable Diffusion's negative prompt: guidance pushes away from it instead of from the null class, ε̂ = ε_neg + w·(ε_c − ε_neg). With the null class as ε_neg it is plain classifier-free guidance.",
        "**负类别**就是 Stable Diffusion 的负向提示词：引导把样本推离它，而不是推离空类别，ε̂ = ε_neg + w·(ε_c − ε_neg)。若 ε_neg 取空类别，它就是普通的无分类器引导。",
    ),
    "negative_class_2": ("negative class", "负类别"),
    "compare": ("▶ Compare", "▶ 比较"),
    "without_negative_class": ("Without the negative class", "不使用负类别"),
    "away_negative_class": ("Away from the negative class", "推离负类别"),
    "autoencoder": ("Autoencoder", "自编码器"),
    "first_stage_diffusers_autoencoderkl": (
        "The first stage: diffusers' **AutoencoderKL** (Stable Diffusion's) at three down-sampling factors f, each trained on the digits with an L1 loss and a tiny KL term (β = 10⁻⁶, SD's). The latent is scaled by s = 1/std(z) over the training digits (SD's 0.18215 was computed the same way), so the diffusion model sees unit variance.",
        "第一阶段：diffusers 的 **AutoencoderKL**（Stable Diffusion 所用）在三种下采样倍数 f 下，各自在数字上用 L1 损失和一个很小的 KL 项（β = 10⁻⁶，与 SD 相同）训练。潜变量按 s = 1/std(z)（在训练数字上计算）缩放（SD 的 0.18215 也是这样算出的），使扩散模型看到单位方差的数据。",
    ),
    "encode_decode": ("▶ Encode and decode", "▶ 编码并解码"),
    "x_d_e_x": ("**x and D(E(x)) at f = 2, 4, 8**", "**x 与 f = 2、4、8 时的 D(E(x))**"),
}

say = declare("latent", TEXTS)
