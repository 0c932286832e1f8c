"""Stages and pipelines.

A *stage* is a plain callable ``Document -> None`` that mutates the document in place, registered
by name with what it ``requires`` and ``provides`` (names such as ``"blocks"`` or ``"text"``). A
:class:`Pipeline` is an ordered list of stage names; building one checks, before any document is
processed, that each stage's requirements are provided by an earlier stage, and names what is
missing. The corpus runner maps the same pipeline over shards in every worker.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from khabar.errors import KhabarError, MissingRequirementError, StageFailedError, UnknownStageError
from khabar.model import Document

StageFunc = Callable[[Document], None]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    doc: str


_REGISTRY: dict[str, Stage] = {}

#: modules whose import registers the built-in stages; imported on first lookup, not at package import
_BUILTIN_MODULES = (
    "khabar.clean.stages",
    "khabar.html.stages",
    "khabar.extract.stages",
    "khabar.extract.quantity_stage",
    "khabar.extract.places_stage",
    "khabar.extract.refs_stage",
    "khabar.extract.date_stage",
    "khabar.events.stage",
    "khabar.extract.confidence_stage",
    "khabar.extract.accurate.stage",
)

#: what ``khabar process`` runs by default
DEFAULT_STAGES: tuple[str, ...] = ("segment", "classify", "assemble", "signals")
#: the fact layers ``--facts`` adds after cleaning (not in the default pipeline: they cost time); the
#: last, ``confidence``, holds back the facts below the default thresholds (khabar.extract.confidence)
FACT_STAGES: tuple[str, ...] = ("entities", "places", "refs", "dates", "quantities", "events", "confidence")


def stage(
    name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name``."""

    def deco(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(
            name, func, tuple(requires), tuple(provides), (func.__doc__ or "").strip().split("\n")[0]
        )
        return func

    return deco


#: the module that registers each built-in stage: a pipeline imports only the modules of its own
#: stages (cleaning alone does not load the fact models' code); a test checks the table
_BUILTIN_STAGES: dict[str, str] = {
    "segment": "khabar.clean.stages",
    "classify": "khabar.clean.stages",
    "assemble": "khabar.clean.stages",
    "signals": "khabar.clean.stages",
    "segment_html": "khabar.html.stages",
    "refine_html": "khabar.html.stages",
    "meta_html": "khabar.html.stages",
    "entities": "khabar.extract.stages",
    "quantities": "khabar.extract.quantity_stage",
    "places": "khabar.extract.places_stage",
    "refs": "khabar.extract.refs_stage",
    "dates": "khabar.extract.date_stage",
    "events": "khabar.events.stage",
    "confidence": "khabar.extract.confidence_stage",
    "entities_accurate": "khabar.extract.accurate.stage",
}

#: the taggers of the entity layer: ``crf`` (the default, khabar.extract.ner: corpus speed) and
#: ``accurate`` (the fine-tuned encoder of khabar.extract.accurate, the ``accurate`` extra)
NER_TAGGERS: tuple[str, ...] = ("crf", "accurate")


def with_ner(names: Sequence[str], ner: str) -> tuple[str, ...]:
    """``names`` with the entity stage of tagger ``ner`` (``entities`` → ``entities_accurate``)."""
    if ner not in NER_TAGGERS:
        raise UnknownStageError(f"no NER tagger {ner!r}; known: {', '.join(NER_TAGGERS)}", value=ner)
    if ner == "crf":
        return tuple(names)
    return tuple("entities_accurate" if n == "entities" else n for n in names)


def _load_builtins() -> None:
    for mod in _BUILTIN_MODULES:
        importlib.import_module(mod)


def get_stage(name: str) -> Stage:
    if name not in _REGISTRY:
        mod = _BUILTIN_STAGES.get(name)
        if mod is not None:
            importlib.import_module(mod)
    if name not in _REGISTRY:
        _load_builtins()  # an unknown name: load every module, to list the known stages
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise UnknownStageError(
            f"no stage is registered as {name!r}; known stages: {known}", value=name
        ) from None


def registered() -> dict[str, Stage]:
    """All registered stages by name."""
    _load_builtins()
    return dict(_REGISTRY)


class Pipeline:
    """An ordered, checked list of stages."""

    def __init__(self, names: Sequence[str] = DEFAULT_STAGES, *, given: Iterable[str] = ()) -> None:
        self.stages = [get_stage(n) for n in names]
        have = set(given)
        for st in self.stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                _load_builtins()  # every stage known, to name the ones that provide what is missing
                providers = sorted({s.name for s in _REGISTRY.values() for m in missing if m in s.provides})
                hint = f"; add {' or '.join(providers)} before it" if providers else ""
                raise MissingRequirementError(
                    f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage provides{hint}",
                    value=missing,
                )
            have.update(st.provides)
        self.provides = frozenset(have)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        """Run every stage on ``doc``. A stage that raises anything but a :class:`KhabarError` (which
        says what to fix, e.g. a broken data file, and stops the run) is a bug on this one document:
        it comes out as :class:`StageFailedError` naming the stage and the document, so a run can
        reject the record and go on."""
        for st in self.stages:
            try:
                st.func(doc)
            except KhabarError:
                raise
            except Exception as err:
                raise StageFailedError(
                    f"stage {st.name!r} failed on {doc.id or 'the document'} "
                    f"({type(err).__name__}: {err}); this is a khabar bug, please report it with the record",
                    stage=st.name,
                    value=doc.id,
                ) from err
            doc.done.append(st.name)
        return doc

    def map(self, docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            yield self(d)
