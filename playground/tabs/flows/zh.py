# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the normalizing-flows tab: the lab's status line, layer captions, density table, the
legends and captions drawn on its pictures, the training curves, flow matching, the digits section, its
error messages and the choice names (data sets, presets, layers, directions). Keyed by the English
template; the values in braces stay as they are. Terms follow ``playground.glossary``."""

from playground.tabs.flows.ui import TOUR

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "an invertible map with an exact likelihood, layer by layer.": "可逆变换，似然精确，逐层查看。",
    # the guided tour (the Markdown as gr.Markdown keeps it: stripped), its links unchanged
    TOUR.strip(): """**导览**
1. [环形数据上的 RealNVP](?tab=flows-lab&flow-dataset=ring8&flow-flow=RealNVP&flow-depth=8&flow-steps=3000&run=flow-train)：
   8 个模式全部覆盖，但彼此之间被淡淡的**桥**连着——光滑的双射把一个连通的高斯变形，却无法把它撕开。
2. [网格数据，x → z](?tab=flows-lab&flow-dataset=grid25&flow-flow=RealNVP&flow-depth=8&flow-direction=x%20%E2%86%92%20z%20%28density%29&flow-steps=3000&run=flow-train)：
   拖动 **层** 滑块：25 个着色的模式被逐层拉回，最后变成一个圆形的高斯。
3. [网格数据上的样条流](?tab=flows-lab&flow-dataset=grid25&flow-flow=spline&flow-depth=4&flow-steps=3000&run=flow-train)：
   每层的映射可以更陡、更锐利——与真实密度之间的 KL 差距变小，桥也变细。
4. [流匹配](?tab=flows-fm&fm-dataset=ring8&fm-steps=3000&run=fm-train)：连续时间的流；它的 ODE 路径是弯的，
   所以只走 1 步欧拉法会落在模式之间。再按 **Reflow（重流）**：路径变直，2 步就够好。
5. [数字：精确的往返](?tab=flows-digits&run=flow-recon-run)：流模型把数字还原到约 1e-6 的误差，
   VAE 还回来的却是一团模糊。[T = 0.5 时的样本](?tab=flows-digits&run=flow-sample-run)。""",
    # choice names (fixed texts)
    "RealNVP: 8 affine couplings": "RealNVP：8 个仿射耦合层",
    "Glow: 8 steps (actnorm, linear, coupling)": "Glow：8 步（actnorm、线性变换、耦合层）",
    "spline: 4 rational-quadratic couplings": "样条流：4 个有理二次样条耦合层",
    "spline": "样条流",
    "spiral": "螺旋",
    "moons": "双月",
    "drawn": "手绘",
    "density": "密度",
    "mode centres": "模式中心",
    "all": "全部",
    "z → x (sampling)": "z → x（采样）",
    "x → z (density)": "x → z（密度）",
    "Press **Train**.": "按 **▶ 训练**。",
    "Press **Train flow matching**.": "按 **▶ 训练流匹配**。",
    # names of the inputs, in the input checks' messages
    "data set": "数据集",
    "flow": "流模型",
    "depth (layers)": "深度（层数）",
    "training steps": "训练步数",
    "snapshot": "快照",
    "x1": "x1",
    "x2": "x2",
    "temperature T": "温度 T",
    # the 2-D lab
    "All your points lie on a line: a density needs area, so each drawn point is spread by σ = 0.05 and the flow learns a thin ridge.": "你画的点都在一条直线上：密度需要面积，所以每个手绘点都按 σ = 0.05 散开，流模型学到的是一道细窄的山脊。",
    "Started a new run (the knobs changed).": "参数改了，已重新开始训练。",
    "**step {step:,}**": "**第 {step:,} 步**",
    "held-out NLL **{nll:.3f}** nats": "留出集 NLL **{nll:.3f}** nats",
    "true entropy H = {h:.3f} → **KL gap {gap:.3f}** nats": "真实熵 H = {h:.3f} → **KL 差距 {gap:.3f}** nats",
    "modes covered **{modes}/{n_modes}**": "覆盖的模式 **{modes}/{n_modes}**",
    "high quality **{hq:.1f}%**": "高质量 **{hq:.1f}%**",
    "between modes **{bridge:.1f}%** (of {n:,} samples)": "落在模式之间 **{bridge:.1f}%**（共 {n:,} 个样本）",
    "round trip max|f(f⁻¹(x)) − x| = {err:.1e}": "往返误差 max|f(f⁻¹(x)) − x| = {err:.1e}",
    "{seconds:.1f} s": "{seconds:.1f} 秒",
    "step {step}": "第 {step} 步",
    "Train a flow first (press ▶ Train): this view shows the visitor's own flow.": "请先训练一个流模型（按 ▶ 训练）：这里显示的是你自己训练的流模型。",
    # the layer scrubber
    "after layer {k} of {n}: {name}": "第 {k} 层之后（共 {n} 层）：{name}",
    "the base z ~ N(0, I)": "基分布 z ~ N(0, I)",
    "the data x": "数据 x",
    "{k} of {n} layers undone (last: {name})": "已撤销 {n} 层中的 {k} 层（最近撤销的一层：{name}）",
    "{direction}: {done} — the base: a round Gaussian": "{direction}：{done}——回到基分布：一个圆形的高斯",
    "{direction}: {done}": "{direction}：{done}",
    # the layers' names (models.flows.flows2d.layer_name: every value it can take)
    "actnorm": "actnorm（激活归一化）",
    "invertible linear (LU)": "可逆线性变换（LU）",
    "affine coupling (moves x1)": "仿射耦合层（移动 x1）",
    "affine coupling (moves x2)": "仿射耦合层（移动 x2）",
    "spline coupling": "样条耦合层",
    "linear (LU) + permute": "线性变换（LU）+ 置换",
    "scale to the data": "缩放到数据尺度",
    # the change of variables at one point
    "| layer (undone from x towards z) | point after undoing it | log\\|det J⁻¹\\| |": "| 层（从 x 向 z 逐层撤销） | 撤销该层后的点 | log\\|det J⁻¹\\| |",
    "| log N(z; 0, I) at z = ({z1:.3f}, {z2:.3f}) | | {log_n:+.3f} |": "| z = ({z1:.3f}, {z2:.3f}) 处的 log N(z; 0, I) | | {log_n:+.3f} |",
    "| **log q(x)** = the sum | | **{total:+.3f}** (q(x) = {q:.3g}) |": "| **log q(x)** = 以上各项之和 | | **{total:+.3f}**（q(x) = {q:.3g}） |",
    "At x = {at}; normflows' log_prob: {check:+.3f}.": "x = {at} 处；normflows 的 log_prob：{check:+.3f}。",
    " The true log p(x) there: {truth:+.3f}.": "该处真实的 log p(x)：{truth:+.3f}。",
    # the pictures and the curves
    "flow samples": "流模型样本",
    "heat: log q(x), bright = likely": "热图：log q(x)，越亮概率越大",
    "NLL, nats (dashed: the data's true entropy H)": "NLL，nats（虚线：数据的真实熵 H）",
    "KL gap = held-out NLL − H": "KL 差距 = 留出集 NLL − H",
    "modes covered": "覆盖的模式数",
    "% high quality · % between modes": "高质量 % · 模式之间 %",
    "train (20-step mean)": "训练集（20 步均值）",
    "held-out": "留出集",
    "KL gap": "KL 差距",
    "modes": "模式数",
    "% high quality": "高质量 %",
    "% between modes": "模式之间 %",
    # flow matching
    "Train flow matching first: reflow retrains on the model's own pairs.": "请先训练流匹配：Reflow（重流）是用模型自己生成的配对重新训练。",
    "ODE paths, 32 Euler steps · straightness (length/chord − 1) {s:.3f}": "ODE 路径，32 步欧拉法 · 弯曲程度（路径长/弦长 − 1）{s:.3f}",
    "{n} steps": "{n} 步",
    "1 step": "1 步",
    "modes {covered}/{n} · HQ {hq:.0f}%": "模式 {covered}/{n} · 高质量 {hq:.0f}%",
    "reflowed {n}×: trained on its own pairs": "已重流 {n} 次：用它自己的配对训练",
    "independent pairs (1-rectified flow)": "独立配对（1-rectified flow）",
    "**step {steps:,}** · loss {loss:.3f} · {kind} · {seconds:.1f} s": "**第 {steps:,} 步** · 损失 {loss:.3f} · {kind} · {seconds:.1f} 秒",
    # the digits
    "classes 0–9 in turn": "类别 0–9 轮流",
    "class {c}": "类别 {c}",
    "{n} samples at T = {t:g} ({which}): the evaluator reads **{right}/{n}** as the class asked for. One network pass for all of them.": "T = {t:g} 时的 {n} 个样本（{which}）：评估器认出其中 **{right}/{n}** 个属于所要求的类别。所有样本只需一次网络前向。",
    "A (a {ya}) → B (a {yb}) in {k} steps, z = (1 − t)·z_A + t·z_B at every level; the ends are A and B exactly. The evaluator reads: {reads}.": "A（一个 {ya}）→ B（一个 {yb}），共 {k} 步，每一级都取 z = (1 − t)·z_A + t·z_B；两端恰好就是 A 和 B。评估器的识别结果：{reads}。",
    "Test digit #{i} (a {label}). Left to right: the input · the flow's f(f⁻¹(y)) · its error ×10 · the VAE's (vae16) decoder(μ) · its error ×10.": "测试数字 #{i}（一个 {label}）。从左到右：输入 · 流模型的 f(f⁻¹(y)) · 其误差 ×10 · VAE（vae16）的 decoder(μ) · 其误差 ×10。",
    "| model | largest pixel error | why |": "| 模型 | 最大像素误差 | 原因 |",
    "| flow (Glow) | **{err:.1e}** | a bijection: f⁻¹ undoes f up to float rounding |": "| 流模型（Glow） | **{err:.1e}** | 双射：除了浮点舍入，f⁻¹ 完全撤销 f |",
    "| VAE (vae16) | **{err:.2f}** | a 16-number bottleneck: the decoder returns a blurred average |": "| VAE（vae16） | **{err:.2f}** | 只有 16 个数的瓶颈：解码器还回来的是一个模糊的平均 |",
    "| model | data | −log p(x \\| class) | −log p(x) | held-out mean −log p(x) |": "| 模型 | 数据 | −log p(x \\| 类别) | −log p(x) | 留出集平均 −log p(x) |",
    "256 grey levels": "256 级灰度",
    "binarized": "二值化",
    "| Glow flow ({name}), a bound | {what} | ≤ {cond} | ≤ {uncond} | ≤ {mean} |": "| Glow 流模型（{name}），上界 | {what} | ≤ {cond} | ≤ {uncond} | ≤ {mean} |",
    "| gated PixelCNN, exact | binarized | {cond:.1f} nats | {uncond:.1f} nats | {mean:.1f} nats |": "| 门控 PixelCNN，精确值 | 二值化 | {cond:.1f} nats | {uncond:.1f} nats | {mean:.1f} nats |",
    "Test digit #{i} (a {label}). Same binarized digits for the binary flow and the PixelCNN: comparable nats. The 256-level flow models another event (all 8 bits of every pixel), so its nats are larger by design; bits/dim = nats / ({D}·ln 2). A dequantized flow's number is an upper bound: −log P(x) ≤ −log p(y) + D·ln L, with y = (x + u)/L and u uniform noise (L = 256 or 2 levels).": "测试数字 #{i}（一个 {label}）。二值流模型和 PixelCNN 用的是同样的二值化数字，nats 可以直接比较。256 级的流模型建模的是另一个事件（每个像素的全部 8 位），所以它的 nats 按设计就更大；bits/dim = nats / ({D}·ln 2)。去量化流模型给出的数是一个上界：−log P(x) ≤ −log p(y) + D·ln L，其中 y = (x + u)/L，u 是均匀噪声（L = 256 或 2 级）。",
}
