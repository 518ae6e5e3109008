"""The page's footer line: where the models run and in which precision (``models.core.compute``'s
choice, made at start), so a lecturer who finds a tab slow sees why, in English and Chinese."""

from __future__ import annotations

from models.core.compute import BF16_MIN_SPEEDUP, CORES, ComputePlan, where
from playground.i18n import speaks_chinese, tr

_BASIS_ZH = {
    "override": "由 PLAYGROUND_PRECISION 指定",
    "no_bf16_units": "此 CPU 没有 bf16 矩阵单元（模拟的 bf16 会慢好几倍）",
    "forced": "强制指定",
    "other_device": "此设备不用 bf16",
}


def footer_texts(plan: ComputePlan, slots: int) -> tuple[str, str]:
    """-> (English, Chinese) Markdown for the footer."""
    if plan.basis == "measured":
        why_en = f"bf16 measured {plan.speedup:.2f}x as fast as fp32 at start; chosen above {BF16_MIN_SPEEDUP}x"
        why_zh = f"启动时实测 bf16 速度为 fp32 的 {plan.speedup:.2f} 倍；超过 {BF16_MIN_SPEEDUP} 倍才选用"
    else:
        why_en, why_zh = plan.reason, _BASIS_ZH[plan.basis]
    en = (
        f"**Compute**: {where(plan)} · {plan.precision} ({why_en}) · {CORES.cores} cores, "
        f"{slots} model requests at once, each with its share of the cores."
    )
    zh = (
        f"**计算**：{where(plan)} · {plan.precision}（{why_zh}）· {CORES.cores} 个核，"
        f"最多同时运行 {slots} 个模型请求，各分得一份核。"
    )
    return en, zh


# The words of ``benchmarks.machine.describe`` (the line stored with each measurement); names and flags stay.
MACHINE_WORDS = (
    "bf16 measured faster than fp32 at start",
    "bf16 not measured faster than fp32 at start",
    "no bf16 units (bf16 would be emulated, several times slower)",
    "set by PLAYGROUND_PRECISION",
    "no GPU",
    "no AVX2",
    "capped to",
    "cores",
    "threads",
    "1 thread",  # "1 thread": the recorded GAN runs' line
)


def machine_line(text: str) -> str:
    """A stored machine line (``benchmarks.machine.describe``) with its English words in the visitor's language."""
    if speaks_chinese():
        for words in MACHINE_WORDS:
            text = text.replace(words, tr(words))
    return text
