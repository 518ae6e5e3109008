# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""The diffusion tab's texts, English and Chinese side by side under stable keys (``playground.texts``): the
fixed texts of its page (``say.fixed(key)``), what its handlers write (``say(key, **values)``) and the
names of its choices and inputs that the shared checks say (looked up by their English). Values in braces
stay as they are; terms follow ``playground.glossary``."""

from playground.texts import declare

TEXTS: dict[str, tuple[str, str]] = {
    "noise_added_step_step": ("noise added step by step, then removed by a network.", "一步步加入噪声，再由网络去噪。"),
    "show_recorded_run": ("Show the recorded run", "显示录好的运行"),
    "t_t_t_t": (
        "**t = {t}** of T = {T} ({schedule}): ᾱ_t = {a:.4f}, so x_t = {signal:.3f}·x₀ + {noise:.3f}·ε; log SNR = {snr:.2f}. Pixel mean {mean:+.2f}, std {std:.2f} (pure noise: 0 and 1).",
        "**t = {t}**（共 T = {T} 步，{schedule}）：ᾱ_t = {a:.4f}，因此 x_t = {signal:.3f}·x₀ + {noise:.3f}·ε；log SNR = {snr:.2f}。像素均值 {mean:+.2f}，标准差 {std:.2f}（纯噪声：0 和 1）。",
    ),
    "they_agree": ("**they agree**", "**两者一致**"),  # (no emoji: without an emoji font it drew an empty box)
    "they_disagree": ("**they disagree**", "**两者不一致**"),
    "x_t_t_t": (
        "**x_t at t = {t}: the closed form vs. {steps} single steps** (steps 0 … {t} of the one-step process, as t counts from 0; {n} draws each way, x₀ at {side} × {side} = {pixels} pixels) — {verdict} within sampling error.\n\n| | exact | closed form | iterated |\n|---|---|---|---|\n| max pixel error of the mean vs √ᾱ_t·x₀ | 0 (tolerance {tolerance:.3f}) | {closed_mean:.3f} | {iter_mean:.3f} |\n| variance (mean over pixels) | 1 − ᾱ_t = {exact_var:.4f} | {closed_var:.4f} | {iter_var:.4f} |\n",
        "**t = {t} 时的 x_t：闭式解 vs. {steps} 个单步**（单步过程的第 0 … {t} 步，因为 t 从 0 开始计数；两种方法各抽取 {n} 次，x₀ 为 {side} × {side} = {pixels} 个像素）—— 在抽样误差范围内{verdict}。\n\n| | 精确值 | 闭式解 | 逐步迭代 |\n|---|---|---|---|\n| 均值与 √ᾱ_t·x₀ 的最大像素误差 | 0（容差 {tolerance:.3f}） | {closed_mean:.3f} | {iter_mean:.3f} |\n| 方差（对像素取平均） | 1 − ᾱ_t = {exact_var:.4f} | {closed_var:.4f} | {iter_var:.4f} |\n",
    ),
    "check_closed_form_vs": (
        "Check: closed form vs. running the one-step process step by step",
        "检验：闭式解 vs. 逐步运行单步过程",
    ),
    "t_signal_kept": ("ᾱ_t (signal kept)", "ᾱ_t（保留的信号）"),
    "pixel_values": ("pixel values", "像素值"),
    "draw_sketchpad_upload_picture": (
        "Draw on the sketchpad (or upload a picture): x₀ becomes it.",
        "在画板上画一个（或上传一张图片）：它就成为 x₀。",
    ),
    "x_0_final": ("x_0 (final)", "x_0（最终）"),
    "sampler_steps_steps_done": (
        "**{sampler}: {steps} steps done in {seconds:.1f} s.** Showing x_0, the final sample; drag **replay step** (steps done: 0 is x_T) to go back through them.",
        "**{sampler}：{steps} 步完成，用时 {seconds:.1f} 秒。** 显示的是最终样本 x_0；拖动 **回放步**（已完成的步数：0 是 x_T）可以逐步往回看。",
    ),
    "sampler_step_step_steps": (
        "{sampler}: step {step} of {steps} (x_t at t = {t}), {seconds:.1f} s, ~{left:.0f} s left",
        "{sampler}：第 {step}/{steps} 步（x_t 处于 t = {t}），已用 {seconds:.1f} 秒，约剩 {left:.0f} 秒",
    ),
    "run_sampler_first_then": (
        "Run the sampler first; then the slider replays its steps.",
        "请先运行采样器，之后滑块才能回放它的每一步。",
    ),
    "replay_after_all_steps": (
        "**Replay: after all {steps} steps** — x_0, the final sample (x̂₀ and ε̂ from the last step).",
        "**回放：全部 {steps} 步之后** —— 最终样本 x_0（x̂₀ 和 ε̂ 来自最后一步）。",
    ),
    "replay_after_done_steps": (
        "**Replay: after {done} of {steps} steps** — x_t at t = {t}, and the x̂₀ and ε̂ the model predicts from it.",
        "**回放：{steps} 步中的 {done} 步之后** —— t = {t} 时的 x_t，以及模型由它预测的 x̂₀ 和 ε̂。",
    ),
    "replay_keeps_sample_every": (
        "(The replay keeps the sample every {every} steps.)",
        "（回放每 {every} 步保留一次样本。）",
    ),
    "steps_done_0_x": (
        "steps done: 0 is x_T (pure noise), the last x_0",
        "已完成的步数：0 是 x_T（纯噪声），最后一个是 x_0",
    ),
    "threshold_x_1_dpm": (
        "threshold x̂₀ at ±1 (DPM-Solver++'s clip; off in diffusers by default)",
        "按阈值把 x̂₀ 限制在 ±1（DPM-Solver++ 的裁剪；diffusers 默认关闭）",
    ),
    "press_sample": ("Press **Sample**.", "点击 **采样**。"),
    "sampler_steps_step_i": (
        "{sampler}-{steps}: step {i}/{steps} ({seconds:.0f} s, ~{left:.0f} s left)",
        "{sampler}-{steps}：第 {i}/{steps} 步（已用 {seconds:.0f} 秒，约剩 {left:.0f} 秒）",
    ),
    "sampler_steps_done_seconds": (
        "{sampler}-{steps} done in {seconds:.1f} s",
        "{sampler}-{steps} 完成，用时 {seconds:.1f} 秒",
    ),
    "same_x_t_same": (
        "**Same x_T, same class:** DDIM-50 took {ddim:.1f} s, DDPM-1000 {ddpm:.1f} s ({ratio:.0f}x).",
        "**同一个 x_T，同一个类别：** DDIM-50 用时 {ddim:.1f} 秒，DDPM-1000 用时 {ddpm:.1f} 秒（{ratio:.0f} 倍）。",
    ),
    "forward_t_t": ("forward  t = {t}", "前向  t = {t}"),
    "reverse_t_t": ("reverse  t = {t}", "反向  t = {t}"),
    "reverse_samples_x_0": ("reverse: samples x_0", "反向：样本 x_0"),
    "dataset_25_forward_frames": (
        "{dataset}: 25 forward frames, then {steps} DDIM steps of the learned reverse process (every 2nd shown); 40 of the points' paths on the right.",
        "{dataset}：前向过程 25 帧，然后是学到的反向过程的 {steps} 步 DDIM（每隔一步显示一帧）；右侧是其中 40 个点的轨迹。",
    ),
    "trajectory": ("trajectory", "轨迹"),
    "x_t_noise": ("x_T (noise)", "x_T（噪声）"),
    "x_0_sample": ("x_0 (sample)", "x_0（样本）"),
    "reverse_trajectories": ("reverse trajectories", "反向轨迹"),
    "source": ("source", "来源"),
    "test_digit_index": ("test digit index", "测试数字编号"),
    "t_number_steps": ("T (number of steps)", "T（步数）"),
    "t": ("t", "t"),
    "eta": ("η (eta)", "η（eta）"),
    "guidance_scale": ("guidance scale", "引导强度"),
    "number_samples": ("number of samples", "样本数"),
    "step": ("step", "步骤"),
    "data_set": ("data set", "数据集"),
    "test_digit": ("test digit", "测试数字"),
    "unconditional": ("unconditional", "无条件"),
    "linear": ("linear", "线性"),
    "cosine": ("cosine", "余弦"),
    "scaled_linear": ("scaled linear", "缩放线性"),
    "sigmoid": ("sigmoid", "sigmoid"),
    "astronaut": ("astronaut", "宇航员"),
    "camera": ("camera", "摄影师"),
    "coffee": ("coffee", "咖啡"),
    "chelsea": ("chelsea", "猫（Chelsea）"),
    "rocket": ("rocket", "火箭"),
    "spiral": ("spiral", "螺旋"),
    "moons": ("moons", "双月"),
    "guided_tour_1_closed": (
        "**Guided tour**\n1. [The closed form at t = 100](?tab=diff-forward&fwd-schedule=linear&fwd-t=100&run=fwd-check-btn),\n   [t = 400](?tab=diff-forward&fwd-schedule=linear&fwd-t=400&run=fwd-check-btn),\n   [t = 600](?tab=diff-forward&fwd-schedule=linear&fwd-t=600&run=fwd-check-btn): x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε\n   jumps straight to any t, and the check confirms it matches t + 1 single noising steps (t counts from 0).\n   Under the linear schedule the digit is faint by t = 400 and gone by t = 600, long before T = 1000; the\n   histogram is then N(0, 1).\n2. [Cosine at the same t = 400](?tab=diff-forward&fwd-schedule=cosine&fwd-t=400&run=fwd-check-btn): the digit\n   is still plain (ᾱ_t = 0.65 against the linear schedule's 0.19); it fades only near t = 700, so fewer steps\n   are spent on pure noise.\n3. [Reverse: watch x̂₀ sharpen](?tab=diff-reverse&rev-sampler=DDIM&rev-steps=50&rev-class=3&rev-n=4&run=rev-run):\n   x_t is noise for the first half of the run, yet x̂₀ is a blurred 3 from the first step (the average of the 3s\n   this noise could become) and sharpens as x_t denoises. Drag **replay step** to go through it again.\n4. [Why diffusion is slow](?tab=diff-compare&cmp-class=5&cmp-n=1&run=cmp-run): one digit from the same x_T, by\n   DDPM in 1,000 steps and DDIM in 50. Each step is a network call that needs the one before, so the steps cannot\n   run side by side: each picture's caption gives its run's time here, the 1,000 steps about 20 times the 50 — both a 5, not the same 5 (DDPM adds\n   fresh noise at every step).\n5. [2-D: a spiral from noise](?tab=diff-2d&d2-dataset=spiral&run=d2-run): the forward process dissolves the\n   points into a Gaussian; the learned reverse process (DDIM, 100 steps) brings fresh noise back onto the\n   spiral, and on the right each point's path runs smoothly from noise to the data.",
        "**导览**\n1. [t = 100 时的闭式解](?tab=diff-forward&fwd-schedule=linear&fwd-t=100&run=fwd-check-btn)，[t = 400](?tab=diff-forward&fwd-schedule=linear&fwd-t=400&run=fwd-check-btn)，[t = 600](?tab=diff-forward&fwd-schedule=linear&fwd-t=600&run=fwd-check-btn)：x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε 可以直接跳到任意 t，检验则确认它与逐个执行 t + 1 次单步加噪的结果一致（t 从 0 开始计数）。在线性噪声调度下，数字到 t = 400 已经很淡，到 t = 600 就消失了，远早于 T = 1000；此时像素直方图就是 N(0, 1)。\n2. [同样 t = 400 的余弦调度](?tab=diff-forward&fwd-schedule=cosine&fwd-t=400&run=fwd-check-btn)：数字依然清晰（ᾱ_t = 0.65，线性调度只有 0.19）；要到 t = 700 附近才消失，因此花在纯噪声上的步数更少。\n3. [反向过程：看 x̂₀ 逐渐清晰](?tab=diff-reverse&rev-sampler=DDIM&rev-steps=50&rev-class=3&rev-n=4&run=rev-run)：前一半的步数里 x_t 都还是噪声，但 x̂₀ 从第一步起就是一个模糊的 3（这份噪声可能变成的所有 3 的平均），并随着 x_t 去噪而逐渐清晰。拖动 **回放步** 可以再看一遍。\n4. [扩散模型为什么慢](?tab=diff-compare&cmp-class=5&cmp-n=1&run=cmp-run)：从同一个 x_T 出发生成一个数字，DDPM 用 1000 步，DDIM 用 50 步。每一步都是一次网络调用，而且要等上一步的结果，所以这些步无法并行：每张图下的说明给出它在本机上的用时，1,000 步约是 50 步的 20 倍——两者都是 5，但不是同一个 5（DDPM 每一步都加入新的噪声）。\n5. [二维：从噪声到螺旋](?tab=diff-2d&d2-dataset=spiral&run=d2-run)：前向过程把点溶解成高斯分布；学到的反向过程（DDIM，100 步）把新的噪声带回到螺旋上，右侧每个点的轨迹平滑地从噪声走到数据。",
    ),
    "width": ("width", "宽度"),
    "seed": ("seed", "随机种子"),
    "diffusion": ("Diffusion", "扩散模型"),
    "forward_process": ("Forward process", "前向过程"),
    "x": ("x₀ from", "x₀ 来自"),
    "test_digit_0_499": ("test digit # (0–499)", "测试数字编号（0–499）"),
    "photo": ("photo", "照片"),
    "upload": ("upload", "上传"),
    "drawing": ("drawing", "手绘"),
    "schedule": ("schedule", "噪声调度"),
    "seed_2": ("seed (ε)", "随机种子（ε）"),
    "pixel_histogram": ("pixel histogram", "像素直方图"),
    "x_t_evenly_spaced": ("**x_t at evenly spaced t**, all from the same ε", "**等间隔 t 下的 x_t**，全部来自同一个 ε"),
    "schedules": ("schedules", "噪声调度曲线"),
    "reverse_process": ("Reverse process", "反向过程"),
    "sampler": ("sampler", "采样器"),
    "steps": ("steps", "步数"),
    "ddim_0_deterministic": ("DDIM η (0 = deterministic)", "DDIM η（0 = 确定性）"),
    "class": ("class", "类别"),
    "guidance_scale_w": ("guidance scale w", "引导强度 w"),
    "samples": ("samples", "样本数"),
    "clip_x_1_1": ("clip x̂₀ to [-1, 1] (diffusers' default)", "把 x̂₀ 裁剪到 [-1, 1]（diffusers 的默认设置）"),
    "sample": ("▶ Sample", "▶ 采样"),
    "stop": ("Stop", "停止"),
    "x_t_sample_now": ("**x_t** (the sample now)", "**x_t**（当前样本）"),
    "predicted_x_where_heading": ("**predicted x̂₀** (where it is heading)", "**预测的 x̂₀**（它正在走向哪里）"),
    "predicted_noise": ("**predicted noise ε̂**", "**预测的噪声 ε̂**"),
    "replay_step": ("replay step", "回放步"),
    "film_strip_x_t": (
        "**Film strip**: x_t (top) and x̂₀ (bottom) at evenly spaced steps",
        "**胶片条**：等间隔步上的 x_t（上）和 x̂₀（下）",
    ),
    "animation_gif_x_t": ("animation (GIF): x_t | x̂₀", "动画（GIF）：x_t | x̂₀"),
    "ddpm_1000_vs_ddim": ("DDPM-1000 vs DDIM-50", "DDPM-1000 对比 DDIM-50"),
    "ddim_song_et_al": (
        "DDIM (Song et al. 2021) takes big deterministic steps along the same model; the claim is near-equal quality at 20x fewer steps. Both runs below start from **the same x_T**.",
        "DDIM（Song 等，2021）沿同一个模型迈出大的确定性步；其结论是用少 20 倍的步数得到几乎相同的质量。下面两次运行都从**同一个 x_T** 出发。",
    ),
    "clip_x": ("clip x̂₀", "裁剪 x̂₀"),
    "run_ddpm_1000_ddim": ("Run DDPM-1000 and DDIM-50", "运行 DDPM-1000 和 DDIM-50"),
    "same_noise_two_samplers": ("same noise, two samplers", "同一噪声，两种采样器"),
    "n2_d_diffusion": ("2-D diffusion", "二维扩散"),
    "same_process_2_d": (
        "The same process on 2-D points: the forward process dissolves the data into a Gaussian; a small network trained on that data runs it backwards from fresh noise. Each dot is one sample.",
        "同样的过程作用在二维点上：前向过程把数据溶解成高斯分布；一个在这些数据上训练的小网络从新的噪声出发反向运行。每个点是一个样本。",
    ),
    "data": ("data", "数据"),
    "animate": ("▶ Animate", "▶ 播放动画"),
    "forward_then_reverse_animated": ("**Forward, then reverse** (animated)", "**先前向，再反向**（动画）"),
    "trajectories": ("trajectories", "轨迹"),
}

say = declare("diffusion", TEXTS)
