# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""The fast tab's texts, English and Chinese side by side under stable keys (``playground.texts``): the
fixed texts of its page (``say.fixed(key)``), what its handlers write (``say(key, **values)``) and the
names of its choices and inputs that the shared checks say (looked up by their English). Values in braces
stay as they are; terms follow ``playground.glossary``."""

from playground.texts import declare

TEXTS: dict[str, tuple[str, str]] = {
    "same_model_fewer_calls": (
        "the same model in fewer calls — better solvers, a distilled student, a cascade.",
        "同一个模型，更少的网络调用——更好的求解器、蒸馏出的学生模型、级联。",
    ),
    "all_ten": ("all ten", "全部十类"),
    "class_accuracy": ("class accuracy", "类别准确率"),
    "ms_per_sample": ("ms per sample", "每个样本的毫秒数"),
    "network_evaluations": ("network evaluations", "网络调用次数"),
    "noise_level_s": ("noise level s", "噪声水平 s"),
    "base_steps": ("base steps", "基础模型步数"),
    "upsampler_steps": ("upsampler steps", "上采样器步数"),
    "digits_fid_lower_better": ("digits-FID (lower is better)", "digits-FID（越低越好）"),
    "recall_coverage_higher_better": ("recall: coverage (higher is better)", "召回率：覆盖度（越高越好）"),
    "precision_quality_higher_better": ("precision: quality (higher is better)", "精确率：质量（越高越好）"),
    "class_accuracy_evaluator": ("class accuracy by the evaluator", "评估器给出的类别准确率"),
    "ms_per_sample_batches": ("ms per sample (batches of 32, one core)", "每个样本的毫秒数（每批 32 个，单核）"),
    "network_evaluations_nfe_guided": (
        "network evaluations (NFE; a guided step = one evaluation of the pair)",
        "网络调用次数（NFE；带引导的一步 = 对一对输入的一次调用）",
    ),
    "name_br_x_evaluations": (
        "{name}<br>%{{x}} evaluations<br>{metric} %{{y:.3g}}<extra></extra>",
        "{name}<br>%{{x}} 次调用<br>{metric} %{{y:.3g}}<extra></extra>",
    ),
    "metric_over_n_samples": (
        "{metric} over {n} samples per point (an equal number of each class, w = 2, the same noise for every point), against 500 held-out digits. {measured}",
        "每个点的{metric}基于 {n} 个样本（每类数量相同，w = 2，每个点使用同样的噪声），对照 500 个留出的数字。{measured}",
    ),
    "measured_machine": ("Measured on {machine}.", "测量环境：{machine}。"),
    "no_fast_sampling_results": (
        "No fast-sampling results shipped: run `python -m benchmarks.fast_sampling` first.",
        "没有随附的快速采样结果：请先运行 `python -m benchmarks.fast_sampling`。",
    ),
    "most_fit_nfe": (" (the most that fit in {nfe})", "（{nfe} 次以内最多能做的次数）"),
    "sampler_used_network_evaluations": (
        "**{sampler} at {used} network evaluations{budget}: {s:.2f} s** for {n} ({k} read as intended); the teacher's DDIM-50 from the same noise: {ref_s:.2f} s ({ref_k} read as intended).",
        "**{sampler}，{used} 次网络调用{budget}：{n} 个样本用时 {s:.2f} 秒**（{k} 个被识别为预期的类别）；教师模型的 DDIM-50 从同一个噪声出发：{ref_s:.2f} 秒（{ref_k} 个被识别为预期的类别）。",
    ),
    "measured_over_n_samples": (
        "Measured over {n} samples (the curve): digits-FID **{fid:.1f}**, recall {recall:.2f}, class accuracy {accuracy:.0%}.",
        "在 {n} 个样本上测得（即曲线上的点）：digits-FID **{fid:.1f}**，召回率 {recall:.2f}，类别准确率 {accuracy:.0%}。",
    ),
    "row_x_step_i": ("{row}: x̂₀ at step {i}", "{row}：第 {i} 步的 x̂₀"),
    "n_samples_sampler_steps": (
        "{n} samples: {sampler} in {steps} steps, then the teacher's DDIM in 50",
        "{n} 个样本：{sampler} 走 {steps} 步，然后是教师模型的 DDIM 走 50 步",
    ),
    "n_samples_student_steps": (
        "{n} samples: the student in {steps} steps, DDIM in {steps}, then the teacher's DDIM in 50",
        "{n} 个样本：学生模型走 {steps} 步，DDIM 走 {steps} 步，然后是教师模型的 DDIM 走 50 步",
    ),
    "seconds_all_n_read": ("| | seconds (all {n}) | read as intended |", "| | 秒（全部 {n} 个） | 识别为预期类别 |"),
    "student_speedup_0f_faster": (
        "The student is **{speedup:.0f}× faster** than the teacher's DDIM-50 here, on this machine. A student step is one plain call of a UNet of the teacher's size: guidance was folded in when it was distilled, so it needs no unconditional pass.",
        "在本机上，学生模型比教师模型的 DDIM-50 **快 {speedup:.0f} 倍**。学生模型的一步就是对一个与教师模型同样大小的 UNet 的一次普通调用：引导在蒸馏时已经折叠进去，所以不需要无条件的那一次计算。",
    ),
    "press_run_cascade": ("Press **Run the cascade**.", "请点击**运行级联**。"),
    "n16x16_base": ("16x16 base", "16x16 基础样本"),
    "x0_hat_predicted": ("x̂₀ (predicted)", "x̂₀（预测值）"),
    "base_steps_ddim_steps": (
        "Base: {steps} DDIM steps at 16×16 in {s:.1f} s; upsampling…",
        "基础模型：16×16 上 {steps} 步 DDIM，用时 {s:.1f} 秒；正在上采样……",
    ),
    "upsampler_step_i_steps": (
        "Upsampler: step {i}/{steps} (t = {t}), condition noised to s = {level}",
        "上采样器：第 {i}/{steps} 步（t = {t}），条件图像加噪到 s = {level}",
    ),
    "base_nearest": ("base (nearest)", "基础样本（最近邻放大）"),
    "condition_s_level": ("condition at s={level}", "条件图像（s={level}）"),
    "bicubic": ("bicubic", "双三次插值"),
    "transposed_conv": ("transposed conv", "转置卷积"),
    "diffusion_s_level": ("diffusion, s={level}", "扩散上采样，s={level}"),
    "diffusion_no_aug": ("diffusion, no aug", "扩散上采样，无增强"),
    "cascade_base_base_s": (
        "**Cascade: base {base_s:.1f} s + upsampler {up_s:.1f} s.** Read as intended by the evaluator (at 28×28), of {n}:",
        "**级联：基础模型 {base_s:.1f} 秒 + 上采样器 {up_s:.1f} 秒。** {n} 个样本中被评估器（在 28×28 上）识别为预期类别的个数：",
    ),
    "n16_16_32_32": ("| 16×16 → 32×32 by | read as intended |", "| 16×16 → 32×32 的方法 | 识别为预期类别 |"),
    "no_cascade_measurements_shipped": (
        "No cascade measurements shipped: run `python -m benchmarks.cascade`.",
        "没有随附的级联测量结果：请运行 `python -m benchmarks.cascade`。",
    ),
    "measured_python_m_benchmarks": (
        "**Measured** (`python -m benchmarks.cascade`, the same base samples for every row):",
        "**实测结果**（`python -m benchmarks.cascade`，每一行使用同样的基础样本）：",
    ),
    "n16_16_32_32_2": (
        "| 16×16 → 32×32 by | input | GFLOPs / sample | digits-FID | recall | class accuracy |",
        "| 16×16 → 32×32 的方法 | 输入 | 每个样本的 GFLOPs | digits-FID | 召回率 | 类别准确率 |",
    ),
    "noise_level_s_augmented": (
        "**The noise level s** (augmented upsampler, base samples):",
        "**噪声水平 s**（加噪声增强训练的上采样器，输入为基础样本）：",
    ),
    "unrecorded_machine": ("an unrecorded machine", "未记录的机器"),
    "single_stage_32x32_ddim": ("single-stage 32x32 DDIM-27", "单阶段 32x32 DDIM-27"),
    "single_stage_32x32_ddim_2": ("single-stage 32x32 DDIM-50", "单阶段 32x32 DDIM-50"),
    "upsampler_s_150": ("upsampler s=150", "上采样器 s=150"),
    "upsampler_noaug_s_0": ("upsampler_noaug s=0", "upsampler_noaug（无增强）s=0"),
    "base_samples": ("base samples", "基础样本"),
    "true_16x16": ("true 16x16", "真实的 16x16"),
    "lcm_student": ("LCM student", "LCM 学生模型"),
    "digits_fid": ("digits-FID", "数字 FID（digits-FID）"),
    "width": ("width", "宽度"),
    "seed": ("seed", "随机种子"),
    "sampler": ("sampler", "采样器"),
    "class": ("class", "类别"),
    "samples": ("samples", "样本数"),
    "stop": ("Stop", "停止"),
    "row": ("row", "行"),
    "input": ("input", "输入"),
    "fast_sampling": ("Fast sampling", "快速采样"),
    "quality_vs_evaluations": ("Quality vs evaluations", "质量与调用次数"),
    "each_diffusers_schedulers_shipped": (
        "Each of diffusers' schedulers, as it is, on the shipped digits model, at 1–100 **network evaluations** (a guided step is one evaluation of the conditional/unconditional pair; Heun makes 2 per step). Measured by `python -m benchmarks.fast_sampling`; run any point below to see its pictures.",
        "在随附的数字模型上，按原样使用 diffusers 的每个调度器，网络调用次数为 1–100 次（一个带引导的步骤算作对条件/无条件一对输入的一次调用；Heun 每步调用 2 次）。由 `python -m benchmarks.fast_sampling` 测得；在下方运行任意一个点即可看到它的图像。",
    ),
    "measure": ("measure", "指标"),
    "show_curve": ("Show the curve", "显示曲线"),
    "quality_against_network_evaluations": ("quality against network evaluations", "质量与网络调用次数"),
    "run_point_live_same": (
        "**Run a point live**, from the same noise as the teacher's DDIM-50 row under it",
        "**现场运行一个点**，与下方教师模型 DDIM-50 那一行从同一个噪声出发",
    ),
    "run_point": ("▶ Run this point", "▶ 运行这个点"),
    "few_step_student": ("Few-step student", "少步学生模型"),
    "steps_network_evaluations": ("steps (network evaluations)", "步数（网络调用次数）"),
    "student_vs_teacher": ("▶ Student vs teacher", "▶ 学生对比教师"),
    "cascade": ("Cascade", "级联"),
    "cascade_class_conditional_base": (
        "**A cascade**: a class-conditional base model makes 16×16 digits; a second diffusion model, given the 16×16 image (upsampled and concatenated to its input), makes the 32×32 one. Before that, the condition is **noised to a level s** and s is given to the upsampler (as diffusers' x4 upscaler does): trained on noised real images, it learns to ignore what noise hides — including the base model's artefacts.",
        "**级联**：一个类别条件的基础模型生成 16×16 的数字；第二个扩散模型以这张 16×16 的图像为条件（放大后与输入拼接），生成 32×32 的图像。在此之前，条件图像先被**加噪到水平 s**，并把 s 告诉上采样器（与 diffusers 的 x4 放大器一样）：它在加了噪声的真实图像上训练，学会忽略噪声掩盖的东西——包括基础模型的瑕疵。",
    ),
    "noise_level_s_condition": ("noise level s of the condition", "条件图像的噪声水平 s"),
    "base_ddim_steps": ("base DDIM steps", "基础模型 DDIM 步数"),
    "upsampler_ddim_steps": ("upsampler DDIM steps", "上采样器 DDIM 步数"),
    "run_cascade": ("▶ Run the cascade", "▶ 运行级联"),
    "stage_1_base_models": ("**Stage 1**: the base model's 16×16 samples", "**第 1 阶段**：基础模型的 16×16 样本"),
    "stage_2_upsampler_latest": ("**Stage 2**: the upsampler at the latest step", "**第 2 阶段**：上采样器当前这一步"),
    "same_base_samples_upsampled": (
        "**The same base samples, upsampled five ways** (and the condition the upsampler saw)",
        "**同一批基础样本，五种放大方式**（以及上采样器看到的条件图像）",
    ),
}

say = declare("fast", TEXTS)
