# ruff: noqa: E501 -- a table of whole texts: one entry per line reads best
"""The controlnet tab's texts, English and Chinese side by side under stable keys (``playground.texts``): the
fixed texts of its page (``say.fixed(key)``), what its handlers write (``say(key, **values)``) and the
names of its choices and inputs that the shared checks say (looked up by their English). Values in braces
stay as they are; terms follow ``playground.glossary``."""

from playground.texts import declare

TEXTS: dict[str, tuple[str, str]] = {
    "steering_diffusion_model_edges": (
        "steering a diffusion model with edges and poses.",
        "用边缘和姿态控制扩散模型（条件控制）。",
    ),
    # The tour's links: test digit 160 is a 3 (the test digits are in class order, 50 of each); the coffee photo's
    # Canny edges at 32 x 32 are the last edge case, one the model cannot draw as it is; the pose steps spell the
    # "jumping" preset's angles out, so the run never races the preset's slider update.
    "guided_tour_1_edges": (
        "**Guided tour**\n1. [Edges → digit](?tab=controlnet-edges&ce-source=test%20digit&ce-digit=160&ce-pre=Canny&ce-low=0.1&ce-high=0.2&ce-class=3&ce-guidance=2&ce-scale=1&ce-start=0&ce-end=1&ce-steps=25&ce-seed=0&run=ce-run): the Canny edges of a test 3, and four\n   seeds that all draw along them (edge F1 about 1). The strip below runs one seed over the conditioning scale: at 0,\n   the base model alone, a 3 of its own off the outline; from 0.5 on, a 3 on it. (A few seconds.)\n2. [Edges against the class](?tab=controlnet-edges&ce-source=test%20digit&ce-digit=160&ce-pre=Canny&ce-low=0.1&ce-high=0.2&ce-class=8&ce-guidance=2&ce-scale=1&ce-start=0&ce-end=1&ce-steps=25&ce-seed=0&run=ce-run): the same edges, asked for an 8.\n   At scale 0 an 8, at 0.5 an 8 bent towards the outline, from 1 on a 3: the control outranks the class, and the\n   conditioning scale sets by how much.\n3. [A photo's edges, last](?tab=controlnet-edges&ce-source=photo&ce-photo=coffee&ce-pre=Canny&ce-low=0.1&ce-high=0.2&ce-class=figure&ce-guidance=2&ce-scale=1&ce-start=0&ce-end=1&ce-steps=25&ce-seed=0&run=ce-run): a coffee cup beside its\n   edges at 32×32, a few rings. Every seed draws a figure along them (edge F1 about 0.85), none a cup: the model\n   follows the 32×32 map it is given, with the only strokes it learned, digits' and figures'.\n4. [Pose → figure](?tab=controlnet-pose&cp-source=angles&cp-preset=jumping&cp-class=figure&cp-torso=0&cp-head=0&cp-r_shoulder=140&cp-r_elbow=20&cp-l_shoulder=140&cp-l_elbow=20&cp-r_hip=30&cp-r_knee=60&cp-l_hip=30&cp-l_knee=60&cp-guidance=2&cp-scale=1&cp-start=0&cp-end=1&cp-steps=25&cp-seed=0&run=cp-run): a jumping skeleton, arms up and knees bent. Every seed is a\n   figure in that pose (silhouette IoU about 0.75); at scale 0 the base model draws a figure in a pose of its own\n   (IoU about 0.25). (A few seconds.)\n5. [Control in the first 30 % only](?tab=controlnet-pose&cp-source=angles&cp-preset=jumping&cp-class=figure&cp-torso=0&cp-head=0&cp-r_shoulder=140&cp-r_elbow=20&cp-l_shoulder=140&cp-l_elbow=20&cp-r_hip=30&cp-r_knee=60&cp-l_hip=30&cp-l_knee=60&cp-guidance=2&cp-scale=1&cp-start=0&cp-end=0.3&cp-steps=25&cp-seed=0&run=cp-run): the ControlNet acts only in the\n   noisiest 30 % of the steps, and the figures still roughly take the pose, with stray limbs (IoU about 0.5):\n   the layout is decided early in the run, the details late.",
        "**导览**\n1. [边缘 → 数字](?tab=controlnet-edges&ce-source=test%20digit&ce-digit=160&ce-pre=Canny&ce-low=0.1&ce-high=0.2&ce-class=3&ce-guidance=2&ce-scale=1&ce-start=0&ce-end=1&ce-steps=25&ce-seed=0&run=ce-run)：一个测试集里的 3 的 Canny 边缘，四个随机种子都沿着它画\n   （边缘 F1 约为 1）。下面的条带用同一个种子扫过条件强度：0 时只有基础模型，画出一个自己的 3，不在轮廓上；从 0.5 起，3 就落在轮廓上了。（几秒钟。）\n2. [边缘与类别相冲突](?tab=controlnet-edges&ce-source=test%20digit&ce-digit=160&ce-pre=Canny&ce-low=0.1&ce-high=0.2&ce-class=8&ce-guidance=2&ce-scale=1&ce-start=0&ce-end=1&ce-steps=25&ce-seed=0&run=ce-run)：同样的边缘，但要求画 8。条件强度为 0 时是 8，0.5 时是被拉向轮廓的 8，\n   从 1 起就是 3：控制图压过了类别，条件强度决定压过多少。\n3. [照片的边缘，放在最后](?tab=controlnet-edges&ce-source=photo&ce-photo=coffee&ce-pre=Canny&ce-low=0.1&ce-high=0.2&ce-class=figure&ce-guidance=2&ce-scale=1&ce-start=0&ce-end=1&ce-steps=25&ce-seed=0&run=ce-run)：一张咖啡的照片和它在 32×32 下的边缘，只剩几个圆圈。\n   每个随机种子都沿着这些线画出一个人形（边缘 F1 约 0.85），没有一个像照片：模型跟随的是给它的 32×32 控制图，用的也只是它学过的笔画——数字和人形的笔画。\n4. [姿态 → 人形](?tab=controlnet-pose&cp-source=angles&cp-preset=jumping&cp-class=figure&cp-torso=0&cp-head=0&cp-r_shoulder=140&cp-r_elbow=20&cp-l_shoulder=140&cp-l_elbow=20&cp-r_hip=30&cp-r_knee=60&cp-l_hip=30&cp-l_knee=60&cp-guidance=2&cp-scale=1&cp-start=0&cp-end=1&cp-steps=25&cp-seed=0&run=cp-run)：一个跳跃的骨架，双臂举起、膝盖弯曲。每个随机种子都画出这个姿态的人形（轮廓 IoU 约 0.75）；\n   条件强度为 0 时，基础模型画出一个姿态随意的人形（IoU 约 0.25）。（几秒钟。）\n5. [只在前 30 % 控制](?tab=controlnet-pose&cp-source=angles&cp-preset=jumping&cp-class=figure&cp-torso=0&cp-head=0&cp-r_shoulder=140&cp-r_elbow=20&cp-l_shoulder=140&cp-l_elbow=20&cp-r_hip=30&cp-r_knee=60&cp-l_hip=30&cp-l_knee=60&cp-guidance=2&cp-scale=1&cp-start=0&cp-end=0.3&cp-steps=25&cp-seed=0&run=cp-run)：ControlNet 只在噪声最大的前 30 % 步骤中起作用，人形仍大致摆出这个姿态，\n   只是肢体会跑偏（IoU 约 0.5）：整体布局在过程早期就定下了，细节在后期。",
    ),
    "control_map_canny": ("control map (Canny)", "控制图（Canny）"),
    "x_step_i": ("x̂₀ at step {i}", "第 {i} 步的 x̂₀"),
    "high_f1_means_strokes": (
        "A high F1 means the strokes follow the 32×32 map, not that the outputs look like the picture.",
        "F1 高，表示笔画贴着 32×32 的控制图，而不是输出像这张图。",
    ),
    "control_map_canny_32": ("control map (Canny), 32×32", "控制图（Canny），32×32"),
    "control_map_yours_32": ("control map (yours), 32×32", "控制图（你给的），32×32"),
    "photo": ("the photo", "照片"),
    "your_picture": ("your picture", "你的图片"),
    "edges_32_32": ("its edges at 32×32", "它在 32×32 下的边缘"),
    "map_32_32": ("its map at 32×32", "它的 32×32 控制图"),
    "why_photo_becomes_figure": (
        "**Why a photo becomes a figure**: at 32×32 a photo keeps only its largest outlines (the map above), and this ControlNet learned from the edges of digits and figures alone, so what it draws along them is one of those.",
        "**为什么照片会变成人形**：缩到 32×32，照片只剩下最大的轮廓（上面的控制图），而这个 ControlNet 只从数字和人形的边缘学过，所以它沿着这些线条画出的也是数字或人形。",
    ),
    "sampling_n_images": ("Sampling {n} images", "正在生成 {n} 张图"),
    "control_map_yours": ("control map (yours)", "控制图（你给的）"),
    "f1_f1_2f_seed": ("F1 {f1:.2f} · seed {seed}", "F1 {f1:.2f} · 随机种子 {seed}"),
    "scale_s_g": ("scale {s:g}", "条件强度 {s:g}"),
    "edge_f1": ("edge F1", "边缘 F1"),
    "class_name_guidance_w": (
        "class **{name}**, guidance w = {w:g}, conditioning scale {scale:g} (active from {start:.0%} to {end:.0%} of the run), DDIM {steps} steps: {n} images in {seconds:.1f} s. Mean edge F1 {f1:.2f} (Canny of each output against the control map, 1-pixel tolerance; scale 0 is the base model alone: {base:.2f}).",
        "类别 **{name}**，引导强度 w = {w:g}，条件强度 {scale:g}（在过程的 {start:.0%} 到 {end:.0%} 之间起作用），DDIM {steps} 步：{n} 张图，用时 {seconds:.1f} 秒。平均边缘 F1 为 {f1:.2f}（每个输出的 Canny 边缘与控制图比较，容差 1 像素；条件强度 0 即只有基础模型：{base:.2f}）。",
    ),
    "canny_low_threshold": ("Canny low threshold", "Canny 低阈值"),
    "canny_high_threshold": ("Canny high threshold", "Canny 高阈值"),
    "canny_low_threshold_low": (
        "The Canny low threshold ({low:g}) must be below the high one ({high:g}).",
        "Canny 低阈值（{low:g}）必须低于高阈值（{high:g}）。",
    ),
    "lower_canny_thresholds_pick": (
        "lower the Canny thresholds or pick a picture with more contrast",
        "请降低 Canny 阈值，或换一张对比度更高的图",
    ),
    "draw_upload_map_white": ("draw or upload a map with white lines on black", "请画出或上传一张黑底白线的边缘图"),
    "control_map_blank_n": (
        "The control map is blank ({n} edge pixels): {hint}.",
        "控制图是空的（只有 {n} 个边缘像素）：{hint}。",
    ),
    "draw_sketchpad_upload_picture": (
        "Draw on the sketchpad (or upload a picture): its edges show here.",
        "在画板上画（或上传一张图）：它的边缘会显示在这里。",
    ),
    "guidance_start_start_g": (
        "Guidance start ({start:g}) must not come after guidance end ({end:g}).",
        "引导起点（{start:g}）不能晚于引导终点（{end:g}）。",
    ),
    "pose_skeleton_control": ("pose skeleton (control)", "姿态骨架（控制图）"),
    "iou_iou_2f_seed": ("IoU {iou:.2f} · seed {seed}", "IoU {iou:.2f} · 随机种子 {seed}"),
    "class_name_guidance_w_2": (
        "class **{name}**, guidance w = {w:g}, conditioning scale {scale:g} (active from {start:.0%} to {end:.0%} of the run), DDIM {steps} steps: {n} images in {seconds:.1f} s. Mean silhouette IoU {iou:.2f} against the figure this pose renders to (scale 0, the base model alone: {base:.2f}).",
        "类别 **{name}**，引导强度 w = {w:g}，条件强度 {scale:g}（在过程的 {start:.0%} 到 {end:.0%} 之间起作用），DDIM {steps} 步：{n} 张图，用时 {seconds:.1f} 秒。与这个姿态渲染出的人形相比，平均轮廓 IoU 为 {iou:.2f}（条件强度 0 即只有基础模型：{base:.2f}）。",
    ),
    "give_n_joint_angles": ("Give {n} joint angles ({names}).", "请给出 {n} 个关节角度（{names}）。"),
    "paste_upload_keypoints_openpose": (
        "Paste or upload the keypoints as OpenPose JSON first (or choose 'angles').",
        "请先粘贴或上传 OpenPose JSON 格式的关键点（或选择“关节角度”）。",
    ),
    "paste_upload_openpose_keypoint": (
        "Paste or upload OpenPose keypoint JSON: its skeleton shows here.",
        "粘贴或上传 OpenPose 关键点 JSON：它的骨架会显示在这里。",
    ),
    "keypoint_json_n_characters": (
        "That keypoint JSON is {n:,} characters; the limit is {limit:,}.",
        "这段关键点 JSON 有 {n:,} 个字符；上限是 {limit:,}。",
    ),
    "could_not_read_keypoints": ("Could not read the keypoints: {why}.", "无法读取关键点：{why}。"),
    "keypoints_are_not_valid": (
        "the keypoints are not valid JSON (line {line}, column {column})",
        "关键点不是有效的 JSON（第 {line} 行第 {column} 列）",
    ),
    "keypoints_are_not_valid_2": ("the keypoints are not valid JSON", "关键点不是有效的 JSON"),
    "expected_one_person_people": (
        "expected one person: people[0].pose_keypoints_2d with x, y, c per joint",
        "需要恰好一个人：people[0].pose_keypoints_2d，每个关节给出 x, y, c",
    ),
    "pose_keypoints_2d_needs": (
        "pose_keypoints_2d needs at least {n} numbers (x, y, confidence per joint)",
        "pose_keypoints_2d 至少需要 {n} 个数（每个关节 x、y 和置信度）",
    ),
    "pose_keypoints_2d_must": ("pose_keypoints_2d must hold numbers only", "pose_keypoints_2d 只能包含数"),
    "canvas_width_must_number": (
        "canvas_width must be a number of pixels between {lo} and {hi}",
        "canvas_width 必须是 {lo} 到 {hi} 之间的像素数",
    ),
    "pose_keypoints_2d_must_2": ("pose_keypoints_2d must hold finite numbers", "pose_keypoints_2d 只能包含有限的数"),
    "these_keypoints_lie_outside": (
        "These keypoints lie outside the {canvas} x {canvas} canvas: {names}.",
        "这些关键点位于 {canvas} x {canvas} 画布之外：{names}。",
    ),
    "torso_neck_middle_hips": (
        "The torso (neck to the middle of the hips) is under 3 pixels long on a 32 x 32 canvas: that is not a figure the model can draw.",
        "在 32 x 32 的画布上，躯干（从颈部到两髋中点）不到 3 像素长：这不是模型能画出的人形。",
    ),
    "file_not_text_json": ("That file is not a text JSON file.", "这个文件不是文本格式的 JSON 文件。"),
    "file_over_n_characters": (
        "That file is over {n:,} characters; keypoint JSON is much smaller.",
        "这个文件超过 {n:,} 个字符；关键点 JSON 要小得多。",
    ),
    "torso_angle": ("torso angle", "躯干角度"),
    "head_angle": ("head angle", "头部角度"),
    "r_shoulder_angle": ("r_shoulder angle", "右肩角度"),
    "r_elbow_angle": ("r_elbow angle", "右肘角度"),
    "l_shoulder_angle": ("l_shoulder angle", "左肩角度"),
    "l_elbow_angle": ("l_elbow angle", "左肘角度"),
    "r_hip_angle": ("r_hip angle", "右髋角度"),
    "r_knee_angle": ("r_knee angle", "右膝角度"),
    "l_hip_angle": ("l_hip angle", "左髋角度"),
    "l_knee_angle": ("l_knee angle", "左膝角度"),
    "none_my_own_edge": ("none (my own edge map)", "无（用我自己的边缘图）"),
    "figure": ("figure", "人形"),
    "angles": ("angles", "关节角度"),
    "keypoint_json": ("keypoint JSON", "关键点 JSON"),
    "standing": ("standing", "站立"),
    "walking": ("walking", "行走"),
    "waving": ("waving", "挥手"),
    "arms_up": ("arms up", "举起双臂"),
    "jumping": ("jumping", "跳跃"),
    "sitting": ("sitting", "坐"),
    "t_pose": ("t-pose", "T 字姿势"),
    "custom": ("custom", "自定义"),
    "seed": ("seed", "随机种子"),
    "photo_2": ("photo", "照片"),
    "upload": ("upload", "上传"),
    "drawing": ("drawing", "手绘"),
    "steps": ("steps", "步数"),
    "class": ("class", "类别"),
    "guidance_scale_w": ("guidance scale w", "引导强度 w"),
    "stop": ("Stop", "停止"),
    "controlnet": ("ControlNet", "ControlNet"),
    "edges": ("Edges", "边缘"),
    "edges_2": ("edges from", "边缘来自"),
    "test_digit_0_499": ("test digit (0-499)", "测试数字（0-499）"),
    "draw_the_edges": ("draw the edges", "手绘边缘"),
    "preprocessor": ("preprocessor", "预处理器"),
    "canny_low": ("Canny low", "Canny 低阈值"),
    "canny_high": ("Canny high", "Canny 高阈值"),
    "control_map": ("control map", "控制图"),
    "conditioning_scale": ("conditioning scale", "条件强度"),
    "guidance_start": ("guidance start", "引导起点"),
    "guidance_end": ("guidance end", "引导终点"),
    "ddim_steps": ("DDIM steps", "DDIM 步数"),
    "generate_edges": ("Generate from edges", "根据边缘生成"),
    "control_map_then_outputs": ("control map, then outputs", "控制图，然后是输出"),
    "pose": ("Pose", "姿态"),
    "pose_2": ("pose from", "姿态来自"),
    "preset": ("preset", "预设"),
    "joint_angles_degrees_0": (
        "joint angles (degrees; 0 = limb hanging straight down)",
        "关节角度（度；0 = 肢体笔直下垂）",
    ),
    "torso": ("torso", "躯干"),
    "head": ("head", "头"),
    "keypoints_openpose_json_canvas": (
        "keypoints (OpenPose JSON: canvas_width + people[0].pose_keypoints_2d)",
        "关键点（OpenPose JSON：canvas_width + people[0].pose_keypoints_2d）",
    ),
    "upload_keypoints": ("upload keypoints", "上传关键点"),
    "download_keypoints": ("download keypoints", "下载关键点"),
    "skeleton": ("skeleton", "骨架"),
    "generate_pose": ("Generate from pose", "根据姿态生成"),
}

say = declare("controlnet", TEXTS)
