# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the PixelCNN tab: the generation's status lines and replay captions, completion,
the receptive-field and likelihood tables, the cost table, the labels drawn on its pictures (the masks'
names, the completions' header), its error messages and choice names. Keyed by the English template;
the values in braces stay as they are. Terms follow ``playground.glossary``."""

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "one pixel at a time; an exact likelihood, 784 network calls a digit.": "一次一个像素；似然精确，每个数字需要 784 次网络调用。",
    # choice names and prompts (fixed texts)
    "test digit": "测试数字",
    "unconditional": "无条件",
    "Press **Generate**.": "按 **▶ 生成**。",
    "Draw a digit: its likelihood appears.": "画一个数字，就会显示它的似然。",
    # names of the inputs, in the input checks' messages
    "temperature": "温度",
    "number of samples": "样本数",
    "source": "来源",
    "rows to keep": "保留的行数",
    "number of completions": "补全数量",
    "frame": "帧",
    # pixel by pixel
    "pixel {i}/{pixels} (row {row}, column {col}), {seconds:.1f} s": "像素 {i}/{pixels}（第 {row} 行，第 {col} 列），{seconds:.1f} 秒",
    "**{n} digits, {pixels} network calls each, in {seconds:.1f} s** ({ms:.1f} ms a pixel). Scrub through them below.": "**{n} 个数字，每个 {pixels} 次网络调用，共用时 {seconds:.1f} 秒**（每个像素 {ms:.1f} 毫秒）。可在下方拖动滑块回放。",
    "**1 digit, {pixels} network calls each, in {seconds:.1f} s** ({ms:.1f} ms a pixel). Scrub through them below.": "**1 个数字，{pixels} 次网络调用，用时 {seconds:.1f} 秒**（每个像素 {ms:.1f} 毫秒）。可在下方拖动滑块回放。",
    "Generate first; then the slider replays the pixels.": "请先生成；之后这个滑块才能回放各个像素。",
    "after pixel {i} of {pixels} (row {row})": "第 {i}/{pixels} 个像素之后（第 {row} 行）",
    # completion
    "completing: row {row} of {side}, {seconds:.1f} s": "补全中：第 {row}/{side} 行，{seconds:.1f} 秒",
    "Top {rows} rows kept, {n} completions in {seconds:.1f} s. The evaluator reads them as: {tally}.": "保留上面 {rows} 行，{seconds:.1f} 秒内完成 {n} 次补全。评估器把它们识别为：{tally}。",
    "kept: top {rows} rows": "保留：上面 {rows} 行",
    "the model's completions": "模型的补全",
    # receptive field
    "plain: 7x7 type A\n(first layer)": "普通：7x7 A 型\n（第一层）",
    "plain: 3x3 type B\n(every later layer)": "普通：3x3 B 型\n（之后每一层）",
    "gated vertical,\nfirst layer": "门控垂直堆栈，\n第一层",
    "gated horizontal,\nfirst layer": "门控水平堆栈，\n第一层",
    "gated vertical,\nlater layers": "门控垂直堆栈，\n之后各层",
    "gated horizontal,\nlater layers": "门控水平堆栈，\n之后各层",
    "Pixel (row {row}, column {col}): {before} pixels come before it.": "像素（第 {row} 行，第 {col} 列）：它之前有 {before} 个像素。",
    "| model | input pixels its prediction reads | blind spot (earlier, inside that region, unseen) |": "| 模型 | 其预测读取的输入像素数 | 盲点（更早、位于该区域内、却看不到的像素数） |",
    # exact likelihood
    "a drawing": "一幅手绘",
    "test digit #{i} (a {label})": "测试数字 #{i}（一个 {label}）",
    "given class {c}": "给定类别 {c}",
    "**{about}, binarized, {cond}.** −log p(x) is exact: the sum of the 784 per-pixel terms.": "**{about}，二值化，{cond}。** −log p(x) 是精确的：784 个逐像素项之和。",
    "| model | −log p(x), nats | bits/pixel | held-out mean (500 test digits) | most surprising pixel |": "| 模型 | −log p(x)，nats | bits/像素 | 留出集平均（500 个测试数字） | 最意外的像素 |",
    "row {row}, col {col}: {nats:.1f}": "第 {row} 行第 {col} 列：{nats:.1f}",
    "{nll:.1f} (class given), {none:.1f} (none)": "{nll:.1f}（给定类别），{none:.1f}（无类别）",
    "0 nats": "0 nats",
    "≥ {vmax:g} nats": "≥ {vmax:g} nats",
    # cost
    "{name}: one pixel (the whole 28 rows)": "{name}：一个像素（整幅 28 行）",
    "{name}: one pixel (a {window}-row window)": "{name}：一个像素（{window} 行的窗口）",
    "{name}: one pixel (row cache)": "{name}：一个像素（行缓存）",
    "{name}: one pixel (KV cache)": "{name}：一个像素（KV 缓存）",
    "VAE: one decode": "VAE：一次解码",
    "DCGAN: one generator pass": "DCGAN：生成器一次前向",
    "Measured just now on this machine ({cpu}, {cores} cores; medians of 5).": "刚刚在本机测得（{cpu}，{cores} 个核；取 5 次的中位数）。",
    "| network call | ms per call | calls per digit | ms per digit | vs the VAE |": "| 网络调用 | 每次调用（毫秒） | 每个数字的调用次数 | 每个数字（毫秒） | 相对 VAE |",
    "The PixelCNN cannot skip calls: pixel i is an input of every later one. It can skip work: a convolution reads only its receptive field (the window), and the gated model's vertical stack reads only the rows above, so it runs once per row (the row cache) — the same digits, every way. Batching digits shares each call among them.": "PixelCNN 省不掉调用：像素 i 是之后每个像素的输入。但它能省掉计算：卷积只读取它的感受野（窗口），门控模型的垂直堆栈只读取上方的行，所以每行只需算一次（行缓存）——无论哪种方式，画出的数字都一样。把多个数字放进一个批次，它们就共享每一次调用。",
    "The transformer's attention reads every earlier pixel, so it has no window; it keeps each layer's keys and values instead (the KV cache) and adds one token per patch of 4 pixels.": "Transformer 的注意力读取之前的每一个像素，所以没有窗口；它改为缓存每一层的键和值（KV 缓存），每 4 个像素组成的一块只新增一个 token。",
}
