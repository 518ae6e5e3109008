"""Attention processors that can record cross-attention: for every ``attn2`` (the UNet's cross-attention) call that
carries a recorder, the weights softmax(Q Kᵀ / √d_h) (B·heads, cells, L) averaged over heads -> (B, h, w, L), the
share of each latent cell's attention that each token gets. A recording call computes the layer's output the way
diffusers' ``AttnProcessor`` does (the weights then times V, the output projection), so the picture is unchanged by
recording; a call without one runs diffusers' ``AttnProcessor2_0`` (PyTorch's fused attention) as before.

The recorder travels with the call (``cross_attention_kwargs={"recorder": r}``, which diffusers hands every attention
processor), not with the UNet: two visitors sampling from one cached pipeline at once each get their own maps."""

from __future__ import annotations

import math

import torch


class CrossAttentionRecorder:
    """One run's maps: {layer name: (B, h, w, L)} of the last UNet call made with ``unet_kwargs()``; ``keep_batch``
    says which rows of the batch to keep (the conditional half of a guided pass). ``install(unet)`` once per UNet."""

    def __init__(self, keep_batch: slice = slice(None)):
        self.maps: dict[str, torch.Tensor] = {}
        self.keep_batch = keep_batch

    @staticmethod
    def install(unet) -> None:
        """Give every attention layer of ``unet`` a ``RecordingProcessor`` (idempotent)."""
        if not all(isinstance(p, RecordingProcessor) for p in unet.attn_processors.values()):
            unet.set_attn_processor({name: RecordingProcessor(name) for name in unet.attn_processors})

    def unet_kwargs(self) -> dict:
        return {"cross_attention_kwargs": {"recorder": self}}

    def reset(self) -> None:
        self.maps = {}


class RecordingProcessor:
    """diffusers' fused processor, or for a cross-attention layer called with a recorder, the explicit weights."""

    def __init__(self, name: str):
        from diffusers.models.attention_processor import AttnProcessor2_0

        self.name, self.fast = name.removesuffix(".processor"), AttnProcessor2_0()
        self.cross = self.name.endswith("attn2")

    def __call__(
        self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, temb=None, recorder=None, **kwargs
    ):
        if recorder is None or not self.cross:
            return self.fast(attn, hidden_states, encoder_hidden_states, attention_mask, temb, **kwargs)
        # hidden_states (B, N, C): N = h·w latent cells (the transformer block flattened them)
        batch, cells, _ = hidden_states.shape
        query = attn.head_to_batch_dim(attn.to_q(hidden_states))
        context = hidden_states if encoder_hidden_states is None else encoder_hidden_states
        key = attn.head_to_batch_dim(attn.to_k(context))
        value = attn.head_to_batch_dim(attn.to_v(context))
        probs = attn.get_attention_scores(query, key, attention_mask)  # (B·heads, N, L), rows sum to 1
        out = attn.batch_to_head_dim(torch.bmm(probs, value))
        out = attn.to_out[1](attn.to_out[0](out))
        side = math.isqrt(cells)
        per_head = probs.view(batch, attn.heads, cells, -1).mean(1)
        recorder.maps[self.name] = per_head[recorder.keep_batch].view(-1, side, side, probs.shape[-1]).float().cpu()
        if attn.residual_connection:
            out = out + hidden_states
        return out / attn.rescale_output_factor
