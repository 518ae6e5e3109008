# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""The ar tab's texts, English and Chinese side by side under stable keys (``playground.texts``): the
fixed texts of its page (``say.fixed(key)``), what its handlers write (``say(key, **values)``) and the
names of its choices and inputs that the shared checks say (looked up by their English). Values in braces
stay as they are; terms follow ``playground.glossary``."""

from playground.texts import declare

TEXTS: dict[str, tuple[str, str]] = {
    "one_pixel_time_exact": (
        "one pixel at a time; an exact likelihood, 784 network calls a digit.",
        "一次一个像素；似然精确，每个数字需要 784 次网络调用。",
    ),
    "test_digit": ("test digit", "测试数字"),
    "unconditional": ("unconditional", "无条件"),
    "press_generate": ("Press **Generate**.", "按 **▶ 生成**。"),
    "draw_digit_likelihood_appears": ("Draw a digit: its likelihood appears.", "画一个数字，就会显示它的似然。"),
    "temperature": ("temperature", "温度"),
    "number_samples": ("number of samples", "样本数"),
    "source": ("source", "来源"),
    "rows_keep": ("rows to keep", "保留的行数"),
    "number_completions": ("number of completions", "补全数量"),
    "frame": ("frame", "帧"),
    "pixel_i_pixels_row": (
        "pixel {i}/{pixels} (row {row}, column {col}), {seconds:.1f} s",
        "像素 {i}/{pixels}（第 {row} 行，第 {col} 列），{seconds:.1f} 秒",
    ),
    "n_digits_pixels_network": (
        "**{n} digits, {pixels} network calls each, in {seconds:.1f} s** ({ms:.1f} ms a pixel). Scrub through them below.",
        "**{n} 个数字，每个 {pixels} 次网络调用，共用时 {seconds:.1f} 秒**（每个像素 {ms:.1f} 毫秒）。可在下方拖动滑块回放。",
    ),
    "n1_digit_pixels_network": (
        "**1 digit, {pixels} network calls each, in {seconds:.1f} s** ({ms:.1f} ms a pixel). Scrub through them below.",
        "**1 个数字，{pixels} 次网络调用，用时 {seconds:.1f} 秒**（每个像素 {ms:.1f} 毫秒）。可在下方拖动滑块回放。",
    ),
    "generate_first_then_slider": (
        "Generate first; then the slider replays the pixels.",
        "请先生成；之后这个滑块才能回放各个像素。",
    ),
    "after_pixel_i_pixels": ("after pixel {i} of {pixels} (row {row})", "第 {i}/{pixels} 个像素之后（第 {row} 行）"),
    "completing_row_row_side": (
        "completing: row {row} of {side}, {seconds:.1f} s",
        "补全中：第 {row}/{side} 行，{seconds:.1f} 秒",
    ),
    "top_rows_rows_kept": (
        "Top {rows} rows kept, {n} completions in {seconds:.1f} s. The evaluator reads them as: {tally}.",
        "保留上面 {rows} 行，{seconds:.1f} 秒内完成 {n} 次补全。评估器把它们识别为：{tally}。",
    ),
    "kept_top_rows_rows": ("kept: top {rows} rows", "保留：上面 {rows} 行"),
    "models_completions": ("the model's completions", "模型的补全"),
    "plain_7x7_type_first": ("plain: 7x7 type A\n(first layer)", "普通：7x7 A 型\n（第一层）"),
    "plain_3x3_type_b": ("plain: 3x3 type B\n(every later layer)", "普通：3x3 B 型\n（之后每一层）"),
    "gated_vertical_first_layer": ("gated vertical,\nfirst layer", "门控垂直堆栈，\n第一层"),
    "gated_horizontal_first_layer": ("gated horizontal,\nfirst layer", "门控水平堆栈，\n第一层"),
    "gated_vertical_later_layers": ("gated vertical,\nlater layers", "门控垂直堆栈，\n之后各层"),
    "gated_horizontal_later_layers": ("gated horizontal,\nlater layers", "门控水平堆栈，\n之后各层"),
    "pixel_row_row_column": (
        "Pixel (row {row}, column {col}): {before} pixels come before it.",
        "像素（第 {row} 行，第 {col} 列）：它之前有 {before} 个像素。",
    ),
    "model_input_pixels_prediction": (
        "| model | input pixels its prediction reads | blind spot (earlier, inside that region, unseen) |",
        "| 模型 | 其预测读取的输入像素数 | 盲点（更早、位于该区域内、却看不到的像素数） |",
    ),
    "drawing": ("a drawing", "一幅手绘"),
    "test_digit_i_label": ("test digit #{i} (a {label})", "测试数字 #{i}（一个 {label}）"),
    "given_class_c": ("given class {c}", "给定类别 {c}"),
    "about_binarized_cond_log": (
        "**{about}, binarized, {cond}.** −log p(x) is exact: the sum of the 784 per-pixel terms.",
        "**{about}，二值化，{cond}。** −log p(x) 是精确的：784 个逐像素项之和。",
    ),
    "model_log_p_x": (
        "| model | −log p(x), nats | bits/pixel | held-out mean (500 test digits) | most surprising pixel |",
        "| 模型 | −log p(x)，nats | bits/像素 | 留出集平均（500 个测试数字） | 最意外的像素 |",
    ),
    "row_row_col_col": ("row {row}, col {col}: {nats:.1f}", "第 {row} 行第 {col} 列：{nats:.1f}"),
    "nll_1f_class_given": ("{nll:.1f} (class given), {none:.1f} (none)", "{nll:.1f}（给定类别），{none:.1f}（无类别）"),
    "n0_nats": ("0 nats", "0 nats"),
    "vmax_g_nats": ("≥ {vmax:g} nats", "≥ {vmax:g} nats"),
    "name_one_pixel_whole": ("{name}: one pixel (the whole 28 rows)", "{name}：一个像素（整幅 28 行）"),
    "name_one_pixel_window": ("{name}: one pixel (a {window}-row window)", "{name}：一个像素（{window} 行的窗口）"),
    "name_one_pixel_row": ("{name}: one pixel (row cache)", "{name}：一个像素（行缓存）"),
    "vae_one_decode": ("VAE: one decode", "VAE：一次解码"),
    "dcgan_one_generator_pass": ("DCGAN: one generator pass", "DCGAN：生成器一次前向"),
    "measured_just_now_machine": (
        "Measured just now on this machine ({cpu}, {cores} cores; medians of 5).",
        "刚刚在本机测得（{cpu}，{cores} 个核；取 5 次的中位数）。",
    ),
    "network_call_ms_per": (
        "| network call | ms per call | calls per digit | ms per digit | vs the VAE |",
        "| 网络调用 | 每次调用（毫秒） | 每个数字的调用次数 | 每个数字（毫秒） | 相对 VAE |",
    ),
    "pixelcnn_cannot_skip_calls": (
        "The PixelCNN cannot skip calls: pixel i is an input of every later one. It can skip work: a convolution reads only its receptive field (the window), and the gated model's vertical stack reads only the rows above, so it runs once per row (the row cache) — the same digits, every way. Batching digits shares each call among them.",
        "PixelCNN 省不掉调用：像素 i 是之后每个像素的输入。但它能省掉计算：卷积只读取它的感受野（窗口），门控模型的垂直堆栈只读取上方的行，所以每行只需算一次（行缓存）——无论哪种方式，画出的数字都一样。把多个数字放进一个批次，它们就共享每一次调用。",
    ),
    "seed": ("seed", "随机种子"),
    "test_digit_0_499": ("test digit # (0–499)", "测试数字编号（0–499）"),
    "drawing_2": ("drawing", "手绘"),
    "class": ("class", "类别"),
    "guidance_scale_w": ("guidance scale w", "引导强度 w"),
    "samples": ("samples", "样本数"),
    "stop": ("Stop", "停止"),
    "pixelcnn": ("PixelCNN", "PixelCNN"),
    "pixel_pixel": ("Pixel by pixel", "逐像素生成"),
    "model": ("model", "模型"),
    "temperature_t_logits_t": ("temperature T (logits / T)", "温度 T（logits / T）"),
    "generate": ("▶ Generate", "▶ 生成"),
    "digits_red_next_pixel": (
        "**the digits** (red: the next pixel; slate: not yet drawn)",
        "**数字**（红色：下一个像素；灰蓝：尚未画出）",
    ),
    "p_x_i_1": (
        "**p(x_i = 1 | x_<i)** (white: sure of ink; black: sure of paper)",
        "**p(x_i = 1 | x_<i)**（白：确信是墨迹；黑：确信是白纸）",
    ),
    "replay_half_row_step": ("replay (half a row a step)", "回放（每步半行）"),
    "animation_gif_digits_beliefs": ("animation (GIF): digits | beliefs", "动画（GIF）：数字 | 模型判断"),
    "completion": ("Completion", "补全"),
    "keep_top_rows_digit": (
        "Keep the **top rows** of a digit and let the model draw the rest, several times: each completion is one draw from p(rest | top). An ambiguous top completes in more than one way.",
        "保留一个数字的**上面几行**，让模型画出其余部分，画好几次：每次补全都是从 p(其余 | 上部) 中抽取的一个样本。有歧义的上半部分会有不止一种补全。",
    ),
    "digit": ("digit from", "数字来源"),
    "rows_keep_top": ("rows to keep (from the top)", "保留的行数（从上往下）"),
    "completions": ("completions", "补全数量"),
    "complete": ("▶ Complete", "▶ 补全"),
    "receptive_field": ("Receptive field", "感受野"),
    "row": ("row", "行"),
    "column": ("column", "列"),
    "show_what_pixel_sees": ("Show what this pixel sees", "显示这个像素看到了什么"),
    "plain_pixelcnn": ("plain PixelCNN", "普通 PixelCNN"),
    "gated_pixelcnn": ("Gated PixelCNN", "门控 PixelCNN"),
    "masks_white_weights_use": (
        "**The masks** (white: weights in use; red outline: the output's own position)",
        "**掩码**（白：使用的权重；红框：输出自身的位置）",
    ),
    "exact_likelihood": ("Exact likelihood", "精确似然"),
    "exact_likelihood_log_p": (
        "**Exact likelihood.** −log p(x) = Σᵢ −log p(xᵢ | x_<i): no bound, no sampling. The **surprise map** shows each pixel's term: bright where the pixel that came was unlikely to the model.",
        "**精确似然。** −log p(x) = Σᵢ −log p(xᵢ | x_<i)：没有下界，也不需要采样。**意外度图**显示每个像素的那一项：亮处表示出现的像素对模型来说可能性很低。",
    ),
    "measure_log_p_x": ("Measure −log p(x)", "测量 −log p(x)"),
    "binarized_digit": ("the binarized digit", "二值化后的数字"),
    "surprise_log_p_x": (
        "surprise −log p(x_i | x_<i): gated | plain | transformer",
        "意外度 −log p(x_i | x_<i)：门控 | 普通 | Transformer",
    ),
    "image_transformer": ("image transformer", "图像 Transformer"),
    "transformer_field": (
        "The **image transformer** attends to every earlier pixel from its first layer on: no blind spot\nand no window — the whole prefix, at the price of attention over all of it (and a cache of its keys and values to\nsample).",
        "**图像 Transformer** 从第一层起就对之前的每一个像素做注意力：没有盲点，也没有窗口——之前的像素全都看得到，代价是要对它们全部做注意力（采样时还要缓存它的键和值）。",
    ),
    "name_one_pixel_kv": ("{name}: one pixel (KV cache)", "{name}：一个像素（KV 缓存）"),
    "transformer_no_window": (
        "The transformer's attention reads every earlier pixel, so it has no window; it keeps each layer's keys and values instead (the KV cache) and adds one token per patch of 4 pixels.",
        "Transformer 的注意力读取之前的每一个像素，所以没有窗口；它改为缓存每一层的键和值（KV 缓存），每 4 个像素组成的一块只新增一个 token。",
    ),
    "cost": ("Cost", "代价"),
    "price_exactness_every_pixel": (
        "**The price of exactness.** Every pixel is an input of every later one, so a digit takes 784 network calls, one after another. Measure them here beside a VAE decode and a GAN pass.",
        "**精确的代价。** 每个像素都是之后所有像素的输入，所以一个数字需要 784 次网络调用，一次接一次。在这里测量它们，并与一次 VAE 解码和一次 GAN 前向对比。",
    ),
    "time_machine": ("Time it on this machine", "在本机计时"),
    "guidance_w_null_w": ("guidance w (ℓ_null + w·(ℓ_class − ℓ_null))", "引导强度 w（ℓ_null + w·(ℓ_class − ℓ_null)）"),
    "n1_models_own_conditional": (
        "1: the model's own conditional; higher: surer of the class, as in the guidance tab; 0: unconditional",
        "1：模型自身的条件分布；更高：更确定所属类别，同引导网格标签页；0：无条件",
    ),
    "test_digit_2": ("test digit #", "测试数字编号"),
}

say = declare("ar", TEXTS)
