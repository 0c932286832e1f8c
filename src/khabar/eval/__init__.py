from pathlib import Path


def shared_data(*parts: str) -> Path:
    """A path under ``shared/data`` beside the repository (the repo root's parent holds ``shared/``):
    where the evaluation sets live in a source checkout. They are used by path, never packaged."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / Path(*parts)
