# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""Chinese (中文) for the ControlNet tab: its guided tour, the gallery captions, the status lines, the labels
drawn on the conditioning-scale strip, the messages about edge maps and keypoints, and its choice names.
Keyed by the English template; the values in braces stay as they are. Terms as in ``playground.glossary``
(条件控制, 条件强度, 引导强度, 随机种子)."""

from playground.tabs.controlnet.ui import EDGES_OF_A_3, EDGES_OF_A_PHOTO, JUMPING, PHOTO_WHY, TOUR, plain_run

CE, CP, CP_EARLY = plain_run("ce"), plain_run("cp"), plain_run("cp", end=0.3)

TEXTS: dict[str, str] = {
    # its line in the home tab's course map (``Tab.summary``)
    "steering a diffusion model with edges and poses.": "用边缘和姿态控制扩散模型（条件控制）。",
    # the guided tour (links unchanged)
    TOUR: f"""
**导览**
1. [边缘 → 数字]({EDGES_OF_A_3}&ce-class=3{CE}&run=ce-run)：一个测试集里的 3 的 Canny 边缘，四个随机种子都沿着它画
   （边缘 F1 约为 1）。下面的条带用同一个种子扫过条件强度：0 时只有基础模型，画出一个自己的 3，不在轮廓上；从 0.5 起，3 就落在轮廓上了。（几秒钟。）
2. [边缘与类别相冲突]({EDGES_OF_A_3}&ce-class=8{CE}&run=ce-run)：同样的边缘，但要求画 8。条件强度为 0 时是 8，0.5 时是被拉向轮廓的 8，
   从 1 起就是 3：控制图压过了类别，条件强度决定压过多少。
3. [照片的边缘，放在最后]({EDGES_OF_A_PHOTO}&ce-class=figure{CE}&run=ce-run)：一张咖啡的照片和它在 32×32 下的边缘，只剩几个圆圈。
   每个随机种子都沿着这些线画出一个人形（边缘 F1 约 0.85），没有一个像照片：模型跟随的是给它的 32×32 控制图，用的也只是它学过的笔画——数字和人形的笔画。
4. [姿态 → 人形]({JUMPING}{CP}&run=cp-run)：一个跳跃的骨架，双臂举起、膝盖弯曲。每个随机种子都画出这个姿态的人形（轮廓 IoU 约 0.75）；
   条件强度为 0 时，基础模型画出一个姿态随意的人形（IoU 约 0.25）。（几秒钟。）
5. [只在前 30 % 控制]({JUMPING}{CP_EARLY}&run=cp-run)：ControlNet 只在噪声最大的前 30 % 步骤中起作用，人形仍大致摆出这个姿态，
   只是肢体会跑偏（IoU 约 0.5）：整体布局在过程早期就定下了，细节在后期。
""".strip(),
    # edges: gallery, strip, status
    "control map (Canny)": "控制图（Canny）",
    "x̂₀ at step {i}": "第 {i} 步的 x̂₀",
    "A high F1 means the strokes follow the 32×32 map, not that the outputs look like the picture.": "F1 高，表示笔画贴着 32×32 的控制图，而不是输出像这张图。",
    # edges: the preview of a photo or an upload beside its map, and why a photo becomes a figure
    "control map (Canny), 32×32": "控制图（Canny），32×32",
    "control map (yours), 32×32": "控制图（你给的），32×32",
    "the photo": "照片",
    "your picture": "你的图片",
    "its edges at 32×32": "它在 32×32 下的边缘",
    "its map at 32×32": "它的 32×32 控制图",
    PHOTO_WHY: "**为什么照片会变成人形**：缩到 32×32，照片只剩下最大的轮廓（上面的控制图），而这个 ControlNet 只从数字和人形的边缘学过，所以它沿着这些线条画出的也是数字或人形。",
    "Sampling {n} images": "正在生成 {n} 张图",
    "control map (yours)": "控制图（你给的）",
    "F1 {f1:.2f} · seed {seed}": "F1 {f1:.2f} · 随机种子 {seed}",
    "scale {s:g}": "条件强度 {s:g}",
    "edge F1": "边缘 F1",
    "class **{name}**, guidance w = {w:g}, conditioning scale {scale:g} (active from {start:.0%} to {end:.0%} of the run), DDIM {steps} steps: {n} images in {seconds:.1f} s. Mean edge F1 {f1:.2f} (Canny of each output against the control map, 1-pixel tolerance; scale 0 is the base model alone: {base:.2f}).": "类别 **{name}**，引导强度 w = {w:g}，条件强度 {scale:g}（在过程的 {start:.0%} 到 {end:.0%} 之间起作用），DDIM {steps} 步：{n} 张图，用时 {seconds:.1f} 秒。平均边缘 F1 为 {f1:.2f}（每个输出的 Canny 边缘与控制图比较，容差 1 像素；条件强度 0 即只有基础模型：{base:.2f}）。",
    # edges: input checks
    "Canny low threshold": "Canny 低阈值",
    "Canny high threshold": "Canny 高阈值",
    "The Canny low threshold ({low:g}) must be below the high one ({high:g}).": "Canny 低阈值（{low:g}）必须低于高阈值（{high:g}）。",
    "lower the Canny thresholds or pick a picture with more contrast": "请降低 Canny 阈值，或换一张对比度更高的图",
    "draw or upload a map with white lines on black": "请画出或上传一张黑底白线的边缘图",
    "The control map is blank ({n} edge pixels): {hint}.": "控制图是空的（只有 {n} 个边缘像素）：{hint}。",
    "Draw on the sketchpad (or upload a picture): its edges show here.": "在画板上画（或上传一张图）：它的边缘会显示在这里。",
    # both: input checks
    "Guidance start ({start:g}) must not come after guidance end ({end:g}).": "引导起点（{start:g}）不能晚于引导终点（{end:g}）。",
    # pose: gallery, status
    "pose skeleton (control)": "姿态骨架（控制图）",
    "IoU {iou:.2f} · seed {seed}": "IoU {iou:.2f} · 随机种子 {seed}",
    "class **{name}**, guidance w = {w:g}, conditioning scale {scale:g} (active from {start:.0%} to {end:.0%} of the run), DDIM {steps} steps: {n} images in {seconds:.1f} s. Mean silhouette IoU {iou:.2f} against the figure this pose renders to (scale 0, the base model alone: {base:.2f}).": "类别 **{name}**，引导强度 w = {w:g}，条件强度 {scale:g}（在过程的 {start:.0%} 到 {end:.0%} 之间起作用），DDIM {steps} 步：{n} 张图，用时 {seconds:.1f} 秒。与这个姿态渲染出的人形相比，平均轮廓 IoU 为 {iou:.2f}（条件强度 0 即只有基础模型：{base:.2f}）。",
    # pose: input checks
    "Give {n} joint angles ({names}).": "请给出 {n} 个关节角度（{names}）。",
    "Paste or upload the keypoints as OpenPose JSON first (or choose 'angles').": "请先粘贴或上传 OpenPose JSON 格式的关键点（或选择“关节角度”）。",
    "Paste or upload OpenPose keypoint JSON: its skeleton shows here.": "粘贴或上传 OpenPose 关键点 JSON：它的骨架会显示在这里。",
    "That keypoint JSON is {n:,} characters; the limit is {limit:,}.": "这段关键点 JSON 有 {n:,} 个字符；上限是 {limit:,}。",
    "Could not read the keypoints: {why}.": "无法读取关键点：{why}。",
    "the keypoints are not valid JSON (line {line}, column {column})": "关键点不是有效的 JSON（第 {line} 行第 {column} 列）",
    "the keypoints are not valid JSON": "关键点不是有效的 JSON",
    "expected one person: people[0].pose_keypoints_2d with x, y, c per joint": "需要恰好一个人：people[0].pose_keypoints_2d，每个关节给出 x, y, c",
    "pose_keypoints_2d needs at least {n} numbers (x, y, confidence per joint)": "pose_keypoints_2d 至少需要 {n} 个数（每个关节 x、y 和置信度）",
    "pose_keypoints_2d must hold numbers only": "pose_keypoints_2d 只能包含数",
    "canvas_width must be a number of pixels between {lo} and {hi}": "canvas_width 必须是 {lo} 到 {hi} 之间的像素数",
    "pose_keypoints_2d must hold finite numbers": "pose_keypoints_2d 只能包含有限的数",
    "These keypoints lie outside the {canvas} x {canvas} canvas: {names}.": "这些关键点位于 {canvas} x {canvas} 画布之外：{names}。",
    "The torso (neck to the middle of the hips) is under 3 pixels long on a 32 x 32 canvas: that is not a figure the model can draw.": "在 32 x 32 的画布上，躯干（从颈部到两髋中点）不到 3 像素长：这不是模型能画出的人形。",
    "That file is not a text JSON file.": "这个文件不是文本格式的 JSON 文件。",
    "That file is over {n:,} characters; keypoint JSON is much smaller.": "这个文件超过 {n:,} 个字符；关键点 JSON 要小得多。",
    # the names of the joint angles in messages (validate.number's "<joint> angle")
    "torso angle": "躯干角度",
    "head angle": "头部角度",
    "r_shoulder angle": "右肩角度",
    "r_elbow angle": "右肘角度",
    "l_shoulder angle": "左肩角度",
    "l_elbow angle": "左肘角度",
    "r_hip angle": "右髋角度",
    "r_knee angle": "右膝角度",
    "l_hip angle": "左髋角度",
    "l_knee angle": "左膝角度",
    # choice names (the class name also appears in the status lines)
    "none (my own edge map)": "无（用我自己的边缘图）",
    "figure": "人形",
    "angles": "关节角度",
    "keypoint JSON": "关键点 JSON",
    "standing": "站立",
    "walking": "行走",
    "waving": "挥手",
    "arms up": "举起双臂",
    "jumping": "跳跃",
    "sitting": "坐",
    "t-pose": "T 字姿势",
    "custom": "自定义",
}
