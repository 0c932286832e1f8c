"""The training-time encoder's checkpoints (issue 16): what ``--train-vocab`` trains is saved and put back
row for row; the rest of the vocabulary table is left to e5's own rows. Needs the ``encoder`` extra."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="PyTorch (the encoder extra) is not installed")


def _tagger(seed: int):  # type: ignore[no-untyped-def]
    from khabar.extract.accurate.torch_encoder import E5Encoder, E5Tagger

    torch.manual_seed(seed)
    return E5Tagger(E5Encoder(vocab=50, h=8, layers=2, heads=2, ff=16, maxp=32, eps=1e-12), n_tags=9)


def test_trained_rows_round_trip_and_the_rest_stay_e5s() -> None:
    from khabar.extract.accurate.torch_encoder import load_trainable, trainable_state

    trained, fresh = _tagger(1), _tagger(2)
    rows = torch.tensor([3, 7, 11])
    state = trainable_state(trained, rows)
    assert "encoder.word.weight" not in state and state["vocab.table"].shape == (3, 8)
    before = fresh.encoder.word.weight.detach().clone()
    load_trainable(fresh, state)
    after = fresh.encoder.word.weight.detach()
    assert torch.equal(after[rows], trained.encoder.word.weight.detach()[rows])
    untouched = torch.ones(50, dtype=torch.bool)
    untouched[rows] = False
    assert torch.equal(after[untouched], before[untouched])
    assert torch.equal(fresh.out.weight, trained.out.weight)


def test_a_frozen_table_is_not_saved() -> None:
    from khabar.extract.accurate.torch_encoder import load_trainable, trainable_state

    trained, fresh = _tagger(1), _tagger(2)
    state = trainable_state(trained)
    assert not any(k.startswith("vocab.") or k == "encoder.word.weight" for k in state)
    before = fresh.encoder.word.weight.detach().clone()
    load_trainable(fresh, state)
    assert torch.equal(fresh.encoder.word.weight.detach(), before)
