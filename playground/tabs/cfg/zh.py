# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the guidance tab: its guided tour, the grid's labels and sub-grid titles, the trade-off
plot and table, one cell's mechanics, and its input checks. Keyed by the English template; the values in
braces stay as they are. Terms as in ``playground.glossary`` (引导强度, 无分类器引导, 随机种子, 采样器)."""

from playground.tabs.cfg.ui import ONE_CELL, SAME_NOISE, TOO_MUCH, TOUR, TRADE

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "grids: classifier-free guidance trades variety for recognisability.": "网格：无分类器引导用多样性换取可辨认度。",
    # the guided tour (links unchanged)
    TOUR: f"""
**导览**
1. [同一噪声，三种引导强度]({SAME_NOISE}&run=cfg-run)：
   w = 0 这一列在每一行都是同样的四个样本——w = 0 时类别被忽略，而同一个随机种子在每个格子里都是同一个初始噪声。到 w = 3，
   同样的噪声变成了干净的 1、3、7；到 w = 8，笔画更粗，不同种子之间也更相像。（约 10 秒。）
2. [引导用什么换什么]({TRADE}&run=cfg-run)：
   看网格旁边的曲线。评估器测得的类别准确率从 w = 0 时的随机水平，到 w = 1 时已接近 100 %；而同一类别内的多样性随 w 增大一路下降：
   可辨认度是用多样性换来的。（约半分钟：180 个样本；[录好的结果](?tab=cfg&run=cfg-recorded)可立刻显示。）
3. [引导过头]({TOO_MUCH}&run=cfg-run)：
   w = 15–20 时背景变灰、布满噪点，笔画变得斑驳，7 甚至断开，评估器的准确率也下降了（w = 20 时为 67 %）。外推 ε_u + w·(ε_c − ε_u)
   超出了模型训练时见过的预测范围：这就是过饱和，也是实际使用的默认值都比较温和的原因（Stable Diffusion 的默认值是 7.5）。（几秒钟。）
4. [一个格子的内部]({ONE_CELL}&run=cfgm-run)：
   两个噪声预测看起来几乎一样；它们的差（×4）是一个淡淡的 3。类别只是对预测的一个小修正（标准差约 0.03，而预测本身约为 1），
   引导把这个修正乘以 w。（即时完成。）
""".strip(),
    "Show the recorded trade-off grid (all ten classes)": "显示录好的权衡网格（全部十个类别）",
    # the grid
    "uncond.": "无条件",
    "class {y}": "类别 {y}",
    "{sampler}, {steps} steps": "{sampler}，{steps} 步",
    # the third axis's values box, as the axis sets it
    "steps of each sub-grid": "每个子网格的步数",
    "samplers of each sub-grid (comma-separated)": "每个子网格的采样器（用逗号分隔）",
    # progress of a grid, and Stop
    "row {r} of {n}": "第 {r} 行（共 {n} 行）",
    "sub-grid {b} of {nb}, row {r} of {n}": "第 {b} 个子网格（共 {nb} 个），第 {r} 行（共 {n} 行）",
    "extra samples for the measures, row {r} of {n}": "用于测量的额外样本，第 {r} 行（共 {n} 行）",
    "{done} of {total} cells done ({part}) …": "已完成 {done}/{total} 个格子（{part}）…",
    "{done} of {total} cells done ({part}), {seconds:.0f} s, about {left:.0f} s left": "已完成 {done}/{total} 个格子（{part}），已用 {seconds:.0f} 秒，约剩 {left:.0f} 秒",
    "**Stopped.** The rows shown are finished; the trade-off needs the whole grid. Press **Generate grid** to start again.": "**已停止。**显示出来的行已经完成；权衡曲线需要整个网格。按 **生成网格** 重新开始。",
    # the trade-off table and plot
    "| w | class accuracy | diversity |": "| w | 类别准确率 | 多样性 |",
    "{n} images in {seconds:.1f} s. Each scale measured on {n_cond} conditional samples; **every cell with the same seed starts from the same noise x_T**, so differences along a row are the guidance scale alone.": "{n} 张图，用时 {seconds:.1f} 秒。每个引导强度在 {n_cond} 个条件样本上测量；**同一随机种子的每个格子都从同一个噪声 x_T 出发**，所以一行之内的差别只来自引导强度。",
    " Diversity needs at least two samples per cell: add a seed or extra samples.": "多样性至少需要每格两个样本：请增加一个随机种子或额外样本。",
    "class accuracy (%)": "类别准确率（%）",
    "diversity (mean feature distance)": "多样性（平均特征距离）",
    "accuracy %": "准确率 %",
    "diversity": "多样性",
    "measured on these samples ({n} per scale)": "在这些样本上测得（每个引导强度 {n} 个）",
    "measured on the first sub-grid, {title} ({n} per scale)": "在第一个子网格（{title}）上测得（每个引导强度 {n} 个）",
    " The measures are of the first sub-grid ({title}) alone.": "这些测量只针对第一个子网格（{title}）。",
    # one cell's mechanics
    "eps_u (unconditional)": "eps_u（无条件）",
    "eps_c (class)": "eps_c（带类别）",
    "eps_c - eps_u (x4)": "eps_c - eps_u（×4）",
    "x0 from guided eps": "由引导后的 eps 得到的 x0",
    "At step {at} (0-based) of {steps}, after {at} steps taken (t = {t}): **ε̂ = ε_u + w·(ε_c − ε_u)** with w = {w:g}. The class changes the noise prediction only a little (std of ε_c − ε_u = {diff:.3f}, against {std:.2f} for ε_c); guidance multiplies that difference by w.": "第 {at} 步（从 0 开始数，共 {steps} 步；已走完 {at} 步，t = {t}）：**ε̂ = ε_u + w·(ε_c − ε_u)**，w = {w:g}。类别对噪声预测的改变很小（ε_c − ε_u 的标准差为 {diff:.3f}，而 ε_c 的为 {std:.2f}）；引导把这个差乘以 w。",
    # input checks (the names of inputs, then the messages)
    "third axis": "第三个维度",
    "steps values": "步数取值",
    "guidance scales": "引导强度",
    "seeds": "随机种子",
    "CFG-rescale φ": "CFG-rescale φ",
    "extra samples per cell": "每格额外样本数",
    "step to inspect": "要查看的步",
    "{what}: {error}": "{what}：{error}",
    "Pick at least one class for the rows.": "请至少为行选择一个类别。",
    "Give 1 to {n} samplers separated by commas, from: {names}.": "请给出 1 到 {n} 个采样器，用逗号分隔，可选：{names}。",
    "At most {n} rows (classes), got {got}.": "最多 {n} 行（类别），收到了 {got} 行。",
    "That grid is {n} images (rows x columns x seeds x sub-grids); the limit is {limit}. Use fewer classes, scales, seeds or sub-grids.": "这个网格共 {n} 张图（行 × 列 × 随机种子 × 子网格）；上限是 {limit}。请减少类别、引导强度、随机种子或子网格。",
}
