# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the GAN tab: the lab's status lines, the side-by-side table and gallery captions, the
curves' titles and legends, the legend and title drawn on the lab's pictures, the digit DCGANs' summary and
histogram, the error messages, the names of the inputs the checks quote, the presets, layers, data sets,
objectives and digit runs (choice names), and the guided tour. Terms as in ``playground.glossary``."""

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "mode collapse: a generator against a discriminator, live; collapse and its fixes.": "模式坍塌：生成器对抗判别器，实时训练；坍塌及其修复。",
    # the lab: the prompt before the first run (ui.PROMPT), the status line (handlers._status), the frame title
    "Press **Train**.": "按 **▶ 训练**。",
    "**step {step:,}**": "**第 {step:,} 步**",
    "modes covered **{modes}/{n}**": "覆盖的模式 **{modes}/{n}**",
    "high quality **{hq:.1f}%**": "高质量 **{hq:.1f}%**",
    "grid KL {kl:.2f} · JS {js:.3f} nats": "网格 KL {kl:.2f} · JS {js:.3f} nats",
    "after {k} steps of D-guided refinement: modes **{modes}/{n}**, high quality **{hq:.1f}%**": "经过 {k} 步判别器引导的样本精修后：模式 **{modes}/{n}**，高质量 **{hq:.1f}%**",
    "step {step}": "第 {step} 步",
    "Started a new run (the knobs changed).": "参数改了，已重新开始训练。",
    "Started a live run (the recorded one stays on file: **Show the preset's finished run** shows it again).": "已开始现场训练（录好的那次仍在文件里：按 **显示预设训练完的结果** 可再看）。",
    "Show the preset's finished run (recorded)": "显示预设训练完的结果（录好的）",
    "Choose a preset first: its finished run shows here.": "请先选择一个预设：它训练完的结果会显示在这里。",
    "No recorded run of this preset ships: `python -m scripts.record_runs` makes them.": "这个预设没有随附录好的训练：`python -m scripts.record_runs` 可生成。",
    "**Recorded run** of *{name}*: {steps:,} steps, seed {seed}, {dataset}, made by `python -m scripts.record_runs` in {minutes:.1f} min on {machine}. The replay keeps {kept} of its {n} snapshots, evenly spaced. **Train** runs these knobs live, from step 0.": "*{name}* 的**录好的训练**：{steps:,} 步，种子 {seed}，数据 {dataset}，由 `python -m scripts.record_runs` 在 {machine} 上用 {minutes:.1f} 分钟生成。回放保留了它 {n} 张快照中均匀分布的 {kept} 张。按 **训练** 则用这些参数从第 0 步现场训练。",
    # errors
    "Train a run first; the scrubber replays its history.": "请先训练一次；回放滑块回放的是这次训练的过程。",
    "Tick at least one variant to compare.": "请至少勾选一个要比较的变体。",
    "Compare at most {n} variants at once.": "一次最多比较 {n} 个变体。",
    "Snapshots exist at steps {steps} (got {step}).": "只有这些训练步有快照：{steps}（收到的是 {step}）。",
    # side by side: the table and the gallery captions
    "| variant | steps | modes covered | high quality | after D-guided refinement | grid JS |": "| 变体 | 步数 | 覆盖的模式 | 高质量 | 判别器引导的样本精修后 | 网格 JS |",
    "Recorded runs (`python -m scripts.record_runs`), each at its own length, seed 0, on the ring of 8.": "录好的训练（`python -m scripts.record_runs`），各按自己的步数，种子 0，数据为 8 个点的圆环。",
    "Show the recorded runs": "显示录好的训练",
    "steps each (0: each preset's own length, where its claim is measured)": "每个变体的步数（0：各用预设自己的步数，即它的结论被测量时的步数）",
    "{name} (training…)": "{name}（训练中…）",
    "{modes}/{n} · {hq:.1f}% ({k} steps)": "{modes}/{n} · {hq:.1f}%（{k} 步）",
    # the picture's legend (view.render_frame) and the curves (view.curves_figure): the lab's lines, and a
    # preset's line with the grey key of the line styles in the side-by-side view
    "D: orange = 'real', blue = 'fake'": "D：橙色 = “真”，蓝色 = “假”",
    "D and G loss": "D 与 G 的损失",
    "modes covered": "覆盖的模式数",
    "% high quality": "高质量 %",
    "grid JS (nats)": "网格 JS（nats）",
    "D loss": "D 的损失",
    "G loss": "G 的损失",
    "G's samples": "G 的样本",
    "after D-guided refinement": "判别器引导的样本精修后",
    "{name}: {line}": "{name}：{line}",
    "D loss (top left) · G's samples (the other panels)": "D 的损失（左上）· G 的样本（其余面板）",
    # the digit DCGANs (digits.py)
    "entropy {entropy:.2f} nats (all ten digits evenly: 2.30)": "熵 {entropy:.2f} nats（十个数字均匀分布时为 2.30）",
    "predicted digit": "预测的数字",
    "**{run}, step {step}**: class entropy **{entropy:.2f}** nats; the most frequent digit ({top}) is {share:.0f}% of the samples (10% for a model that covers every digit evenly).": "**{run}，第 {step} 步**：类别熵 **{entropy:.2f}** nats；最常见的数字（{top}）占样本的 {share:.0f}%（均匀覆盖每个数字的模型为 10%）。",
    # the inputs' names, as the checks quote them (validate)
    "data set": "数据集",
    "objective": "目标函数",
    "R1 weight γ": "R1 权重 γ",
    "PacGAN packing": "PacGAN 打包数",
    "unrolled D steps": "展开的 D 步数",
    "learning-rate drop interval": "学习率下降间隔",
    "D-guided refinement steps": "判别器引导的精修步数",
    "training steps": "训练步数",
    "snapshot": "快照",
    "run": "训练",  # the digit section's run, as the checks quote it
    "training step": "训练步",
    # choice names: the presets
    "collapse and mode hopping (G outruns D)": "坍塌与模式跳跃（G 跑在 D 前面）",
    "saturating minimax loss (unstable)": "饱和的极小极大损失（不稳定）",
    "fix: R1 penalty + rate drop": "修复：R1 惩罚 + 学习率下降",
    "fix: least-squares loss + R1 + rate drop": "修复：最小二乘损失 + R1 + 学习率下降",
    "fix: PacGAN (pack 4) + rate drop": "修复：PacGAN（打包 4 个）+ 学习率下降",
    "fix: WGAN-GP": "修复：WGAN-GP",
    "fix: unrolled D (5 steps)": "修复：展开 D（5 步）",
    # the layers (also the picture's legend)
    "discriminator": "判别器",
    "real": "真实数据",
    "generated": "生成样本",
    "refined": "精修后",
    "gradients": "梯度",
    "mode centres": "模式中心",
    # data sets
    "spiral": "螺旋",
    "moons": "双月",
    "drawn": "手绘",
    # objectives
    "minimax": "极小极大（饱和）",
    "nonsaturating": "非饱和",
    "lsgan": "LSGAN（最小二乘）",
    "wgan": "WGAN（权重裁剪）",
    "wgan-gp": "WGAN-GP（梯度惩罚）",
    "hinge": "hinge（铰链损失）",
    # the digit DCGANs' runs
    "vanilla (collapsing)": "原始版（会坍塌）",
    "stabilised": "稳定版",
    # the guided tour (ui.TOUR): links unchanged
    # the guided tour (ui.TOUR): links unchanged
    "**Guided tour**\n1. [The collapse preset](?tab=gan&gan-preset=collapse%20and%20mode%20hopping%20%28G%20outruns%20D%29&run=gan-train):\n   G learns 10× faster than D, so all its samples (purple) sit in one blob that hops round the ring to wherever\n   D is fooled for now; modes covered stays at 0–1 of 8. Drag the replay scrubber to watch it hop. Why GANs\n   collapse: nothing in G's loss asks for variety. (5,000 steps, about 20 s on a laptop.)\n2. [The R1 fix](?tab=gan&gan-r1=1&gan-lrdrop=8000&gan-steps=2000&run=gan-train): an R1 penalty keeps D's gradient\n   on the real data small, so D stops throwing G from mode to mode. In 2,000 steps (about 15 s) G reaches most\n   or all of the 8 modes, but, a continuous map of one connected z, it leaves purple bridges between them: few\n   of its samples are high quality.\n3. [Refinement: where D says the data is](?tab=gan&gan-preset=fix%3A%20R1%20penalty%20%2B%20rate%20drop&gan-steps=2000&run=gan-train):\n   the same run, each sample then taking 10 steps up D's logit (teal): they leave the bridges for the modes, and\n   % high quality jumps (dashed curves) — D knows where the data is better than G can draw it.\n   [The preset's full 16,000 steps, recorded](?tab=gan&gan-preset=fix%3A%20R1%20penalty%20%2B%20rate%20drop&run=gan-recorded)\n   (the rate drop at 8,000 sharpens the modes) show at once; **Train** runs them live, about 1½ minutes on a laptop.\n4. [On images: the vanilla DCGAN](?tab=gan&gan-digit-run=vanilla%20%28collapsing%29&gan-digit-step=2000&run=gan-digit-show):\n   after 2,000 steps it draws a few digits over and over — a lopsided histogram, low entropy.\n   [The stabilised one](?tab=gan&gan-digit-run=stabilised&gan-digit-step=2000&run=gan-digit-show), with a 64-D\n   z, draws all ten (entropy near the 2.30 nats of ten even classes).": "**导览**\n1. [坍塌预设](?tab=gan&gan-preset=collapse%20and%20mode%20hopping%20%28G%20outruns%20D%29&run=gan-train)：\n   G 的学习率是 D 的 10 倍，于是它的全部样本（紫色）挤成一团，绕着圆环跳来跳去，总是奔向 D 此刻被骗过的地方；\n   被覆盖的模式始终只有 8 个中的 0–1 个。拖动回放滑块，看它如何跳动。GAN 为什么会模式坍塌：G 的损失里没有任何一项要求多样性。\n   （5,000 步，笔记本电脑上约 20 秒。）\n2. [R1 修复](?tab=gan&gan-r1=1&gan-lrdrop=8000&gan-steps=2000&run=gan-train)：R1 惩罚让 D 在真实数据上的梯度保持很小，\n   D 就不再把 G 从一个模式甩到另一个模式。2,000 步（约 15 秒）内 G 就能到达 8 个模式中的大部分乃至全部；但 G 是一个连通的 z\n   的连续映射，会在模式之间留下紫色的“桥”：它的样本里高质量的很少。\n3. [样本精修：D 认为数据在哪里](?tab=gan&gan-preset=fix%3A%20R1%20penalty%20%2B%20rate%20drop&gan-steps=2000&run=gan-train)：\n   同一次训练，只是每个样本再沿 D 的 logit 上升 10 步（青色）：它们离开桥、落到模式上，高质量样本的比例大幅上升（虚线）——\n   D 比 G 更清楚数据在哪里，只是 G 画不出来。\n   [预设完整的 16,000 步（录好的）](?tab=gan&gan-preset=fix%3A%20R1%20penalty%20%2B%20rate%20drop&run=gan-recorded)\n   （第 8,000 步的学习率下降让模式更锐利）立刻显示；按 **训练** 则现场重跑，在笔记本电脑上约需 1.5 分钟。\n4. [在图像上：原始版 DCGAN](?tab=gan&gan-digit-run=vanilla%20%28collapsing%29&gan-digit-step=2000&run=gan-digit-show)：\n   训练 2,000 步后，它翻来覆去只画少数几个数字——直方图严重偏斜，熵很低。\n   [稳定版](?tab=gan&gan-digit-run=stabilised&gan-digit-step=2000&run=gan-digit-show)用 64 维的 z，\n   十个数字都能画出（熵接近十个类别均匀分布时的 2.30 nats）。",
}
