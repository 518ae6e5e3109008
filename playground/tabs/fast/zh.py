# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the fast-sampling tab: the quality-vs-NFE chart (axes, legend, hover) and its table, a live
point, the student against the teacher, the cascade's status, pictures and measurements, their error messages,
and the tab's choice names. Keyed by the English template; the values in braces stay as they are."""

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "the same model in fewer calls — better solvers, a distilled student, a cascade.": "同一个模型，更少的网络调用——更好的求解器、蒸馏出的学生模型、级联。",
    # choice names (fixed texts) and the inputs' names in error messages
    "all ten": "全部十类",
    "class accuracy": "类别准确率",
    "ms per sample": "每个样本的毫秒数",
    "network evaluations": "网络调用次数",
    "noise level s": "噪声水平 s",
    "base steps": "基础模型步数",
    "upsampler steps": "上采样器步数",
    # the chart: axis titles (view.METRICS), legend, hover, and its table
    "digits-FID (lower is better)": "digits-FID（越低越好）",
    "recall: coverage (higher is better)": "召回率：覆盖度（越高越好）",
    "precision: quality (higher is better)": "精确率：质量（越高越好）",
    "class accuracy by the evaluator": "评估器给出的类别准确率",
    "ms per sample (batches of 32, one core)": "每个样本的毫秒数（每批 32 个，单核）",
    "network evaluations (NFE; a guided step = one evaluation of the pair)": "网络调用次数（NFE；带引导的一步 = 对一对输入的一次调用）",
    "{name}<br>%{{x}} evaluations<br>{metric} %{{y:.3g}}<extra></extra>": "{name}<br>%{{x}} 次调用<br>{metric} %{{y:.3g}}<extra></extra>",
    "{metric} over {n} samples per point (an equal number of each class, w = 2, the same noise for every point), against 500 held-out digits. {measured}": "每个点的{metric}基于 {n} 个样本（每类数量相同，w = 2，每个点使用同样的噪声），对照 500 个留出的数字。{measured}",
    "Measured on {machine}.": "测量环境：{machine}。",
    "No fast-sampling results shipped: run `python -m benchmarks.fast_sampling` first.": "没有随附的快速采样结果：请先运行 `python -m benchmarks.fast_sampling`。",
    # a live point
    " (the most that fit in {nfe})": "（{nfe} 次以内最多能做的次数）",
    "**{sampler} at {used} network evaluations{budget}: {s:.2f} s** for {n} ({k} read as intended); the teacher's DDIM-50 from the same noise: {ref_s:.2f} s ({ref_k} read as intended).": "**{sampler}，{used} 次网络调用{budget}：{n} 个样本用时 {s:.2f} 秒**（{k} 个被识别为预期的类别）；教师模型的 DDIM-50 从同一个噪声出发：{ref_s:.2f} 秒（{ref_k} 个被识别为预期的类别）。",
    "Measured over {n} samples (the curve): digits-FID **{fid:.1f}**, recall {recall:.2f}, class accuracy {accuracy:.0%}.": "在 {n} 个样本上测得（即曲线上的点）：digits-FID **{fid:.1f}**，召回率 {recall:.2f}，类别准确率 {accuracy:.0%}。",
    # a live point and the student while they stream (Progress.status follows with the steps done)
    "{row}: x̂₀ at step {i}": "{row}：第 {i} 步的 x̂₀",
    "{n} samples: {sampler} in {steps} steps, then the teacher's DDIM in 50": "{n} 个样本：{sampler} 走 {steps} 步，然后是教师模型的 DDIM 走 50 步",
    "{n} samples: the student in {steps} steps, DDIM in {steps}, then the teacher's DDIM in 50": "{n} 个样本：学生模型走 {steps} 步，DDIM 走 {steps} 步，然后是教师模型的 DDIM 走 50 步",
    # the student
    "| | seconds (all {n}) | read as intended |": "| | 秒（全部 {n} 个） | 识别为预期类别 |",
    "The student is **{speedup:.0f}× faster** than the teacher's DDIM-50 here, on this machine. A student step is one plain call of a UNet of the teacher's size: guidance was folded in when it was distilled, so it needs no unconditional pass.": "在本机上，学生模型比教师模型的 DDIM-50 **快 {speedup:.0f} 倍**。学生模型的一步就是对一个与教师模型同样大小的 UNet 的一次普通调用：引导在蒸馏时已经折叠进去，所以不需要无条件的那一次计算。",
    # the cascade
    "Press **Run the cascade**.": "请点击**运行级联**。",
    "16x16 base": "16x16 基础样本",
    "x0_hat (predicted)": "x0_hat（预测值）",
    "Base: {steps} DDIM steps at 16×16 in {s:.1f} s; upsampling…": "基础模型：16×16 上 {steps} 步 DDIM，用时 {s:.1f} 秒；正在上采样……",
    "Upsampler: step {i}/{steps} (t = {t}), condition noised to s = {level}": "上采样器：第 {i}/{steps} 步（t = {t}），条件图像加噪到 s = {level}",
    "base (nearest)": "基础样本（最近邻放大）",
    "condition at s={level}": "条件图像（s={level}）",
    "bicubic": "双三次插值",
    "transposed conv": "转置卷积",
    "diffusion, s={level}": "扩散上采样，s={level}",
    "diffusion, no aug": "扩散上采样，无增强",
    "**Cascade: base {base_s:.1f} s + upsampler {up_s:.1f} s.** Read as intended by the evaluator (at 28×28), of {n}:": "**级联：基础模型 {base_s:.1f} 秒 + 上采样器 {up_s:.1f} 秒。** {n} 个样本中被评估器（在 28×28 上）识别为预期类别的个数：",
    "| 16×16 → 32×32 by | read as intended |": "| 16×16 → 32×32 的方法 | 识别为预期类别 |",
    "No cascade measurements shipped: run `python -m benchmarks.cascade`.": "没有随附的级联测量结果：请运行 `python -m benchmarks.cascade`。",
    "**Measured** (`python -m benchmarks.cascade`, the same base samples for every row):": "**实测结果**（`python -m benchmarks.cascade`，每一行使用同样的基础样本）：",
    "| 16×16 → 32×32 by | input | GFLOPs / sample | digits-FID | recall | class accuracy |": "| 16×16 → 32×32 的方法 | 输入 | 每个样本的 GFLOPs | digits-FID | 召回率 | 类别准确率 |",
    "**The noise level s** (augmented upsampler, base samples):": "**噪声水平 s**（加噪声增强训练的上采样器，输入为基础样本）：",
    "an unrecorded machine": "未记录的机器",
    # the rows and inputs of the shipped measurements (assets/results/cascade.json)
    "single-stage 32x32 DDIM-27": "单阶段 32x32 DDIM-27",
    "single-stage 32x32 DDIM-50": "单阶段 32x32 DDIM-50",
    "upsampler s=150": "上采样器 s=150",
    "upsampler_noaug s=0": "upsampler_noaug（无增强）s=0",
    "base samples": "基础样本",
    "true 16x16": "真实的 16x16",
    # choice names
    "LCM student": "LCM 学生模型",
    "digits-FID": "数字 FID（digits-FID）",
}
