"""An image transformer over the 784 binary pixels: p(x | c) = Π_i p(x_i | x_<i, c), raster order,
the decoder-only (GPT) recipe on pixels (Parmar et al. 2018, "Image Transformer"; Chen et al. 2020,
"Generative Pretraining from Pixels").

Tokens: P consecutive pixels of a row (``patch``, P = 4: 196 tokens). Attention costs the square of
the sequence length, and 784 tokens cost ~16x what 196 do — more than a 2-core CPU can train in an
hour (measured: 17-27 s a step of 32 digits at 784 tokens). The order of the pixels is still raster
order, and every pixel still gets its own Bernoulli logit:

- token 0 is the class c (``NULL_CLASS`` 10 = no class: dropped 10% of the time in training, for
  classifier-free guidance on the logits as the PixelCNNs do); token t > 0 carries the P pixels of
  patch t − 1, linearly: W (2x − 1) + b, so ∂ℓ_i/∂x_j exists (the tab's receptive-field view and
  the causality test read that gradient);
- every token adds the learned embedding of the row and of the column of the patch it predicts;
- pre-norm blocks of causal self-attention (``F.scaled_dot_product_attention``, is_causal) and an
  MLP; output h_t has read the class and patches 0..t−1;
- a masked head (MADE, Germain et al. 2015) turns h_t into the P logits of patch t: the logit of
  its k-th pixel reads h_t and the pixels 0..k−1 of the same patch, nothing later.

So the logit of pixel i reads every earlier pixel and nothing else: no blind spot, unlike stacked
masked convolutions. Sampling keeps each layer's keys and values (a KV cache): one token's work per
patch against the cached prefix, and P calls of the small head per patch.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from models.autoregressive.pixelcnn import NULL_CLASS, SIDE

PIXELS = SIDE * SIDE


@dataclass(frozen=True)
class TransformerARConfig:
    """patch: pixels per token along a row (divides 28); dim: the token width d; layers: blocks;
    heads: attention heads (d/heads each); mlp: the MLP's hidden width as a multiple of d; head:
    hidden units per pixel of the masked head; dropout: on attention and MLP outputs (4,500 training
    digits: a transformer overfits them without it); p_uncond: how often training replaces the
    class by NULL_CLASS; max_shift: training digits moved by up to this many whole pixels
    (augmentation, as the PixelCNNs use 1); epochs, batch_size, lr; warmup: steps of linear warm-up
    before the cosine decay (attention trains unstably at full lr from the start); seed."""

    patch: int = 4
    dim: int = 128
    layers: int = 4
    heads: int = 4
    mlp: int = 4
    head: int = 64
    dropout: float = 0.1
    p_uncond: float = 0.1
    max_shift: int = 1
    epochs: int = 20
    batch_size: int = 32
    lr: float = 1e-3
    warmup: int = 200
    seed: int = 0


class Block(nn.Module):
    """Pre-norm transformer block: x + Attn(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, cfg: TransformerARConfig):
        super().__init__()
        self.heads, self.dropout = cfg.heads, cfg.dropout
        self.ln1, self.ln2 = nn.LayerNorm(cfg.dim), nn.LayerNorm(cfg.dim)
        self.qkv = nn.Linear(cfg.dim, 3 * cfg.dim)
        self.proj = nn.Linear(cfg.dim, cfg.dim)
        self.mlp = nn.Sequential(
            nn.Linear(cfg.dim, cfg.mlp * cfg.dim), nn.GELU(), nn.Linear(cfg.mlp * cfg.dim, cfg.dim)
        )
        self.drop = nn.Dropout(cfg.dropout)

    def _split(self, t: torch.Tensor) -> torch.Tensor:
        b, n, d = t.shape
        return t.view(b, n, self.heads, d // self.heads).transpose(1, 2)  # (B, heads, N, d/heads)

    def forward(self, x: torch.Tensor, cache: dict | None = None) -> torch.Tensor:
        """x: (B, N, d) -> (B, N, d), causal among the N tokens. cache: a dict that receives the
        keys and values ("k", "v": (B, heads, M, d/heads)); when it already holds some, x must be
        one token (N = 1), which attends to all cached ones and its own (no mask needed)."""
        b, n, d = x.shape
        q, k, v = (self._split(t) for t in self.qkv(self.ln1(x)).chunk(3, dim=-1))
        causal = True
        if cache is not None:
            if "k" in cache:
                if n != 1:
                    raise ValueError("extend a non-empty cache one token at a time")
                k, v, causal = torch.cat([cache["k"], k], 2), torch.cat([cache["v"], v], 2), False
            cache["k"], cache["v"] = k, v
        p = self.dropout if self.training else 0.0
        a = F.scaled_dot_product_attention(q, k, v, is_causal=causal, dropout_p=p)
        x = x + self.drop(self.proj(a.transpose(1, 2).reshape(b, n, d)))
        return x + self.drop(self.mlp(self.ln2(x)))


class MaskedHead(nn.Module):
    """h_t (…, d) and the patch's pixels (…, P) -> P logits; logit k reads h_t and pixels j < k:
    hidden_k = GELU(A_k h_t + Σ_{j<k} B_kj (2x_j − 1)), ℓ_k = w_k · hidden_k + b_k."""

    def __init__(self, dim: int, patch: int, hidden: int):
        super().__init__()
        self.patch, self.hidden = patch, hidden
        self.ln = nn.LayerNorm(dim)
        self.context = nn.Linear(dim, patch * hidden)
        self.pixels = nn.Parameter(torch.randn(patch, patch, hidden) * 0.1)
        self.register_buffer("mask", torch.ones(patch, patch).tril(-1)[..., None], persistent=False)
        self.w = nn.Parameter(torch.randn(patch, hidden) / hidden**0.5)
        self.b = nn.Parameter(torch.zeros(patch))

    def forward(self, h: torch.Tensor, patch: torch.Tensor) -> torch.Tensor:
        a = self.context(self.ln(h)).unflatten(-1, (self.patch, self.hidden))  # (…, P, hidden)
        a = a + torch.einsum("...j,kjh->...kh", 2 * patch - 1, self.pixels * self.mask)
        return (F.gelu(a) * self.w).sum(-1) + self.b


class TransformerAR(nn.Module):
    def __init__(self, cfg: TransformerARConfig = TransformerARConfig()):
        super().__init__()
        if SIDE % cfg.patch:
            raise ValueError(f"patch {cfg.patch} must divide {SIDE}")
        self.cfg = cfg
        self.per_row = SIDE // cfg.patch
        self.label = nn.Embedding(NULL_CLASS + 1, cfg.dim)
        self.embed = nn.Linear(cfg.patch, cfg.dim)
        self.row = nn.Embedding(SIDE, cfg.dim)
        self.col = nn.Embedding(self.per_row, cfg.dim)
        self.blocks = nn.ModuleList([Block(cfg) for _ in range(cfg.layers)])
        self.head = MaskedHead(cfg.dim, cfg.patch, cfg.head)
        for e in (self.label, self.row, self.col):
            nn.init.normal_(e.weight, std=0.02)

    # the sampler's window path crops rows; token positions are absolute, so it must keep them all
    rows_above = SIDE

    def patches(self, x: torch.Tensor) -> torch.Tensor:
        """(B, 1, 28, 28) -> (B, 196, P): the tokens' pixels in raster order."""
        return x.flatten(1).unflatten(1, (-1, self.cfg.patch))

    def _tokens(self, patches: torch.Tensor, c: torch.Tensor, n: int) -> torch.Tensor:
        """The first n input tokens, (B, n, d): the class, then patches 0..n−2, plus positions."""
        t = torch.cat([self.label(c)[:, None], self.embed(2 * patches[:, : n - 1] - 1)], 1)
        return t + self._position(torch.arange(n, device=patches.device))

    def _position(self, t: torch.Tensor) -> torch.Tensor:
        """t: (N,) token indices -> (N, d): the row and column embeddings of the patch it predicts."""
        return self.row(t // self.per_row) + self.col(t % self.per_row)

    def forward(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        """x: (B, 1, 28, 28) in {0, 1}; c: (B,) -> logits (B, 1, 28, 28) of p(x_ij = 1 | x_<ij, c)."""
        p = self.patches(x)
        t = self._tokens(p, c, p.shape[1])
        for block in self.blocks:
            t = block(t)
        return self.head(t, p).reshape(x.shape)

    def prefill(self, x: torch.Tensor, c: torch.Tensor, token: int) -> tuple[list[dict], torch.Tensor]:
        """Read the class and patches 0..token−1 of x (B, 1, 28, 28) in one causal pass -> (the
        per-layer KV cache of those token + 1 inputs, h (B, d) of patch ``token``)."""
        caches = [{} for _ in self.blocks]
        t = self._tokens(self.patches(x), c, token + 1)
        for block, cache in zip(self.blocks, caches, strict=True):
            t = block(t, cache)
        return caches, t[:, -1]

    def kv_step(self, caches: list[dict], patch: torch.Tensor, token: int) -> torch.Tensor:
        """patch: (B, P), the pixels of patch token − 1, just drawn -> h (B, d) of patch ``token``;
        the caches grow by one token (one token's work per layer against the cached prefix)."""
        t = self.embed(2 * patch[:, None] - 1) + self._position(torch.tensor([token], device=patch.device))
        for block, cache in zip(self.blocks, caches, strict=True):
            t = block(t, cache)
        return t[:, -1]

    def patch_logits(self, h: torch.Tensor, patch: torch.Tensor) -> torch.Tensor:
        """h: (B, d) of a patch; patch: (B, P) its pixels (those not drawn yet are never read) -> (B, P)."""
        return self.head(h, patch)
