# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""The cfg tab's texts, English and Chinese side by side under stable keys (``playground.texts``): the
fixed texts of its page (``say.fixed(key)``), what its handlers write (``say(key, **values)``) and the
names of its choices and inputs that the shared checks say (looked up by their English). Values in braces
stay as they are; terms follow ``playground.glossary``."""

from playground.texts import declare

TEXTS: dict[str, tuple[str, str]] = {
    "grids_classifier_free_guidance": (
        "grids: classifier-free guidance trades variety for recognisability.",
        "网格：无分类器引导用多样性换取可辨认度。",
    ),
    "guided_tour_1_same": (
        "**Guided tour**\n1. [Same noise, three scales](?tab=cfg&cfg-classes=1,3,7,unconditional&cfg-scales=0,3,8&cfg-seeds=0,1,2,3&cfg-third=none&cfg-rescale=0&cfg-steps=20&cfg-extra=0&run=cfg-run):\n   the w = 0 column repeats the same four samples in every row — at w = 0 the class is ignored, and a seed is the\n   same starting noise in every cell. At w = 3 that noise becomes clean 1s, 3s and 7s; at w = 8 bolder ones, more\n   alike from seed to seed. (About 10 s.)\n2. [What guidance trades](?tab=cfg&cfg-classes=0,1,2,3,4,5,6,7,8,9&cfg-scales=0,1,2,3,5,8&cfg-seeds=0&cfg-third=none&cfg-rescale=0&cfg-steps=20&cfg-extra=2&run=cfg-run):\n   the plot beside the grid. The evaluator's class accuracy jumps from chance at w = 0 to about 100 % by w = 1, while\n   the diversity within a class keeps falling as w grows: recognisability bought with variety. (About half a\n   minute: 180 samples; [its recorded result](?tab=cfg&run=cfg-recorded) shows at once.)\n3. [Too much guidance](?tab=cfg&cfg-classes=2,4,7&cfg-scales=3,8,15,20&cfg-seeds=0,1&cfg-third=none&cfg-rescale=0&cfg-steps=20&cfg-extra=0&run=cfg-run):\n   at w = 15–20 the background turns grey and speckled, strokes go blotchy, a 7 breaks apart and the evaluator's\n   accuracy falls (67 % at w = 20). The extrapolation ε_u + w·(ε_c − ε_u) leaves the range of predictions the model\n   was trained on: over-saturation, the reason practical defaults stay moderate (Stable Diffusion's is 7.5). (A few\n   seconds.)\n4. [Inside one cell](?tab=cfg&cfgm-class=3&cfgm-scale=3&cfgm-seed=0&cfgm-steps=25&cfgm-at=5&cfg-rescale=0&run=cfgm-run):\n   the two noise predictions look alike; their difference (×4) is a faint 3. The class is a small correction to the\n   prediction (std about 0.03 against 1), and guidance multiplies it by w. (Instant.)",
        "**导览**\n1. [同一噪声，三种引导强度](?tab=cfg&cfg-classes=1,3,7,unconditional&cfg-scales=0,3,8&cfg-seeds=0,1,2,3&cfg-third=none&cfg-rescale=0&cfg-steps=20&cfg-extra=0&run=cfg-run)：\n   w = 0 这一列在每一行都是同样的四个样本——w = 0 时类别被忽略，而同一个随机种子在每个格子里都是同一个初始噪声。到 w = 3，\n   同样的噪声变成了干净的 1、3、7；到 w = 8，笔画更粗，不同种子之间也更相像。（约 10 秒。）\n2. [引导用什么换什么](?tab=cfg&cfg-classes=0,1,2,3,4,5,6,7,8,9&cfg-scales=0,1,2,3,5,8&cfg-seeds=0&cfg-third=none&cfg-rescale=0&cfg-steps=20&cfg-extra=2&run=cfg-run)：\n   看网格旁边的曲线。评估器测得的类别准确率从 w = 0 时的随机水平，到 w = 1 时已接近 100 %；而同一类别内的多样性随 w 增大一路下降：\n   可辨认度是用多样性换来的。（约半分钟：180 个样本；[录好的结果](?tab=cfg&run=cfg-recorded)可立刻显示。）\n3. [引导过头](?tab=cfg&cfg-classes=2,4,7&cfg-scales=3,8,15,20&cfg-seeds=0,1&cfg-third=none&cfg-rescale=0&cfg-steps=20&cfg-extra=0&run=cfg-run)：\n   w = 15–20 时背景变灰、布满噪点，笔画变得斑驳，7 甚至断开，评估器的准确率也下降了（w = 20 时为 67 %）。外推 ε_u + w·(ε_c − ε_u)\n   超出了模型训练时见过的预测范围：这就是过饱和，也是实际使用的默认值都比较温和的原因（Stable Diffusion 的默认值是 7.5）。（几秒钟。）\n4. [一个格子的内部](?tab=cfg&cfgm-class=3&cfgm-scale=3&cfgm-seed=0&cfgm-steps=25&cfgm-at=5&cfg-rescale=0&run=cfgm-run)：\n   两个噪声预测看起来几乎一样；它们的差（×4）是一个淡淡的 3。类别只是对预测的一个小修正（标准差约 0.03，而预测本身约为 1），\n   引导把这个修正乘以 w。（即时完成。）",
    ),
    "show_recorded_trade_off": (
        "Show the recorded trade-off grid (all ten classes)",
        "显示录好的权衡网格（全部十个类别）",
    ),
    "uncond": ("uncond.", "无条件"),
    "class_y": ("class {y}", "类别 {y}"),
    "sampler_steps_steps": ("{sampler}, {steps} steps", "{sampler}，{steps} 步"),
    "steps_each_sub_grid": ("steps of each sub-grid", "每个子网格的步数"),
    "samplers_each_sub_grid": ("samplers of each sub-grid (comma-separated)", "每个子网格的采样器（用逗号分隔）"),
    "row_r_n": ("row {r} of {n}", "第 {r} 行（共 {n} 行）"),
    "sub_grid_b_nb": ("sub-grid {b} of {nb}, row {r} of {n}", "第 {b} 个子网格（共 {nb} 个），第 {r} 行（共 {n} 行）"),
    "extra_samples_measures_row": (
        "extra samples for the measures, row {r} of {n}",
        "用于测量的额外样本，第 {r} 行（共 {n} 行）",
    ),
    "done_total_cells_done": ("{done} of {total} cells done ({part}) …", "已完成 {done}/{total} 个格子（{part}）…"),
    "done_total_cells_done_2": (
        "{done} of {total} cells done ({part}), {seconds:.0f} s, about {left:.0f} s left",
        "已完成 {done}/{total} 个格子（{part}），已用 {seconds:.0f} 秒，约剩 {left:.0f} 秒",
    ),
    "stopped_rows_shown_are": (
        "**Stopped.** The rows shown are finished; the trade-off needs the whole grid. Press **Generate grid** to start again.",
        "**已停止。**显示出来的行已经完成；权衡曲线需要整个网格。按 **生成网格** 重新开始。",
    ),
    "w_class_accuracy_diversity": ("| w | class accuracy | diversity |", "| w | 类别准确率 | 多样性 |"),
    "n_images_seconds_1f": (
        "{n} images in {seconds:.1f} s (the whole run here: sampling, pictures and measures). Each scale measured on {n_cond} conditional samples; **every cell with the same seed starts from the same noise x_T**, so differences along a row are the guidance scale alone.",
        "{n} 张图，用时 {seconds:.1f} 秒（本机上整次运行：采样、作图和测量）。每个引导强度在 {n_cond} 个条件样本上测量；**同一随机种子的每个格子都从同一个噪声 x_T 出发**，所以一行之内的差别只来自引导强度。",
    ),
    "diversity_needs_least_two": (
        " Diversity needs at least two samples per cell: add a seed or extra samples.",
        "多样性至少需要每格两个样本：请增加一个随机种子或额外样本。",
    ),
    "class_accuracy": ("class accuracy (%)", "类别准确率（%）"),
    "diversity_mean_feature_distance": ("diversity (mean feature distance)", "多样性（平均特征距离）"),
    "accuracy": ("accuracy %", "准确率 %"),
    "diversity": ("diversity", "多样性"),
    "measured_these_samples_n": (
        "measured on these samples ({n} per scale)",
        "在这些样本上测得（每个引导强度 {n} 个）",
    ),
    "measured_first_sub_grid": (
        "measured on the first sub-grid, {title} ({n} per scale)",
        "在第一个子网格（{title}）上测得（每个引导强度 {n} 个）",
    ),
    "measures_are_first_sub": (
        " The measures are of the first sub-grid ({title}) alone.",
        "这些测量只针对第一个子网格（{title}）。",
    ),
    "eps_u_unconditional": ("ε̂_u (unconditional)", "ε̂_u（无条件）"),
    "eps_c_class": ("ε̂_c (class)", "ε̂_c（带类别）"),
    "eps_c_eps_u": ("ε̂_c − ε̂_u (×4)", "ε̂_c − ε̂_u（×4）"),
    "x0_guided_eps": ("x̂₀ from the guided ε̂", "由引导后的 ε̂ 得到的 x̂₀"),
    "step_0_based_steps": (
        "At step {at} (0-based) of {steps}, after {at} steps taken (t = {t}): **ε̂ = ε_u + w·(ε_c − ε_u)** with w = {w:g}. The class changes the noise prediction only a little (std of ε_c − ε_u = {diff:.3f}, against {std:.2f} for ε_c); guidance multiplies that difference by w.",
        "第 {at} 步（从 0 开始数，共 {steps} 步；已走完 {at} 步，t = {t}）：**ε̂ = ε_u + w·(ε_c − ε_u)**，w = {w:g}。类别对噪声预测的改变很小（ε_c − ε_u 的标准差为 {diff:.3f}，而 ε_c 的为 {std:.2f}）；引导把这个差乘以 w。",
    ),
    "third_axis": ("third axis", "第三个维度"),
    "steps_values": ("steps values", "步数取值"),
    "guidance_scales": ("guidance scales", "引导强度"),
    "seeds": ("seeds", "随机种子"),
    "cfg_rescale": ("CFG-rescale φ", "CFG-rescale φ"),
    "extra_samples_per_cell": ("extra samples per cell", "每格额外样本数"),
    "step_inspect": ("step to inspect", "要查看的步"),
    "what_error": ("{what}: {error}", "{what}：{error}"),
    "pick_least_one_class": ("Pick at least one class for the rows.", "请至少为行选择一个类别。"),
    "give_1_n_samplers": (
        "Give 1 to {n} samplers separated by commas, from: {names}.",
        "请给出 1 到 {n} 个采样器，用逗号分隔，可选：{names}。",
    ),
    "most_n_rows_classes": ("At most {n} rows (classes), got {got}.", "最多 {n} 行（类别），收到了 {got} 行。"),
    "grid_n_images_rows": (
        "That grid is {n} images (rows x columns x seeds x sub-grids); the limit is {limit}. Use fewer classes, scales, seeds or sub-grids.",
        "这个网格共 {n} 张图（行 × 列 × 随机种子 × 子网格）；上限是 {limit}。请减少类别、引导强度、随机种子或子网格。",
    ),
    "seed": ("seed", "随机种子"),
    "sampler": ("sampler", "采样器"),
    "steps": ("steps", "步数"),
    "class": ("class", "类别"),
    "guidance_scale_w": ("guidance scale w", "引导强度 w"),
    "stop": ("Stop", "停止"),
    "guidance": ("Guidance", "引导（CFG）"),
    "rows_classes": ("rows: classes", "行：类别"),
    "columns_guidance_scales_w": ("columns: guidance scales w", "列：引导强度 w"),
    "seeds_per_cell_same": (
        "seeds per cell (same forms: '0, 1' or '0-3 (+1)')",
        "每格的种子（写法相同：'0, 1' 或 '0-3 (+1)'）",
    ),
    "third_axis_sub_grids": ("third axis (sub-grids)", "第三个轴（子网格）"),
    "values": ("its values", "它的取值"),
    "cfg_rescale_against_over": (
        "CFG-rescale φ (against over-saturation; 0 = off)",
        "CFG-rescale φ（防止过饱和；0 = 关闭）",
    ),
    "extra_samples_per_cell_2": ("extra samples per cell for the measures", "每格用于度量的额外样本数"),
    "generate_grid": ("Generate grid", "生成网格"),
    "grid_png": ("grid as PNG", "网格 PNG"),
    "trade_off": ("trade-off", "权衡曲线"),
    "inside_one_cell_two": (
        "Inside one cell: the two predictions and their combination",
        "一个格子内部：两个预测及其组合",
    ),
    "step_0_based": ("at step (0-based)", "在第几步（从 0 开始）"),
    "show": ("Show", "显示"),
}

say = declare("cfg", TEXTS)
