"""The bilingual caption tokenizer: a byte-level BPE trained on the captions with the ``tokenizers`` library, in
exactly the shape of CLIP's (NFC + lower case, CLIP's split pattern, byte-level alphabet, ``</w>`` ending a word), and
loaded as transformers' ``CLIPTokenizer``: ``<|startoftext|>`` … ``<|endoftext|>``, padded to ``MAX_LENGTH`` (CLIP's
77; 32 here, and longer prompts are truncated, the end-of-text token kept last). A pad token of its own
(``<|pad|>``; SD 1.x pads with end-of-text) keeps padding visible in the tab."""

from __future__ import annotations

from pathlib import Path

BOS, EOS, PAD = "<|startoftext|>", "<|endoftext|>", "<|pad|>"
MAX_LENGTH = 32  # the longest caption is ~20 tokens; CLIP's 77 is the same idea at a sentence's length
VOCAB_SIZE = 1200


def train_tokenizer(captions: list[str], folder: Path, vocab_size: int = VOCAB_SIZE):
    """BPE merges learnt from ``captions`` -> a ``CLIPTokenizer`` saved to ``folder`` (``save_pretrained``).

    Chinese has no spaces, and CLIP's pattern makes a whole run of Han characters one "word", so merges learnt on
    raw Chinese fuse a sentence into one token. The merges are learnt on ``spaced`` captions (a space between
    Chinese words) and applied to unspaced text: BPE can only join pieces some merge joined, so "左上角一个很粗" still
    comes out as 左上角 · 一个 · 很粗, one token per word whose attention the tab can show."""
    import json

    from tokenizers import Tokenizer, models, trainers
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import CLIPTokenizer

    shape = CLIPTokenizer(pad_token=PAD)._tokenizer  # CLIP's normaliser and pre-tokeniser, an empty BPE
    bpe = Tokenizer(models.BPE(end_of_word_suffix="</w>", continuing_subword_prefix="", unk_token=EOS))
    bpe.normalizer, bpe.pre_tokenizer = shape.normalizer, shape.pre_tokenizer
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[BOS, EOS, PAD],
        initial_alphabet=ByteLevel.alphabet(),
        end_of_word_suffix="</w>",
        show_progress=False,
    )
    bpe.train_from_iterator(captions, trainer)
    model = json.loads(bpe.to_str())["model"]
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in model["merges"]]
    # Every byte alone and ending a word, as in CLIP's vocabulary (the trainer leaves out a one-character word's
    # "7</w>"): any text, emoji included, encodes without an unknown token.
    alphabet = sorted(ByteLevel.alphabet())
    vocab = {
        t: i
        for i, t in enumerate(
            dict.fromkeys([BOS, EOS, PAD, *alphabet, *(a + "</w>" for a in alphabet), *model["vocab"]])
        )
    }
    tok = CLIPTokenizer(vocab=vocab, merges=merges, pad_token=PAD, model_max_length=MAX_LENGTH)
    tok.save_pretrained(folder)
    return tok


def load_tokenizer(folder: Path):
    from transformers import CLIPTokenizer

    return CLIPTokenizer.from_pretrained(folder)


def encode(tokenizer, prompts: list[str]):
    """Prompts -> input ids (B, MAX_LENGTH), padded and truncated as the Stable Diffusion pipeline does."""
    return tokenizer(
        prompts, padding="max_length", max_length=tokenizer.model_max_length, truncation=True, return_tensors="pt"
    ).input_ids
