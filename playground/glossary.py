"""The Chinese terms of the course, chosen once and used everywhere (the fixed texts, the messages, the
tours, README_zh). Chosen as Chinese textbooks and lecture notes write them (《深度学习》's 潜变量, the common
模式坍塌 and 无分类器引导); where two spellings are common, the other is listed under ``avoid`` and
``tests/playground/test_i18n.py`` refuses it. Mathematical notation stays as it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    avoid: tuple[str, ...] = ()


GLOSSARY = (
    Term("latent space", "潜空间", ("隐空间", "潜在空间")),
    Term("latent variable", "潜变量", ("隐变量",)),
    Term("generative model", "生成模型"),
    Term("autoregressive", "自回归"),
    Term("likelihood", "似然"),
    Term("encoder", "编码器"),
    Term("decoder", "解码器"),
    Term("reconstruction", "重建", ("重构",)),
    Term("prior", "先验"),
    Term("posterior", "后验"),
    Term("reparameterisation trick", "重参数化技巧"),
    Term("generator", "生成器"),
    Term("discriminator", "判别器", ("鉴别器",)),
    Term("mode collapse", "模式坍塌", ("模式崩溃", "模式坍缩")),
    Term("normalizing flow", "归一化流", ("标准化流", "正则化流")),
    Term("invertible transformation", "可逆变换"),
    Term("coupling layer", "耦合层"),
    Term("diffusion model", "扩散模型"),
    Term("denoising", "去噪", ("降噪",)),
    Term("noise schedule", "噪声调度", ("噪声表",)),
    Term("sampler", "采样器"),
    Term("classifier-free guidance", "无分类器引导"),
    Term("guidance scale", "引导强度", ("引导系数",)),
    Term("conditional control", "条件控制"),
    Term("distillation", "蒸馏"),
    Term("student", "学生模型"),
    Term("teacher", "教师模型"),
    Term("upsampler", "上采样器", ("放大模型",)),
    Term("cascade", "级联"),
    Term("precision", "精确率", ("查准率",)),
    Term("recall", "召回率", ("查全率",)),
    Term("evaluator", "评估器"),
    Term("seed", "随机种子"),
)
