"""Stages and pipelines.

A *stage* is a plain callable ``Document -> None`` that mutates the document in place, known by name
with what it ``requires`` and ``provides`` (names such as ``"blocks"`` or ``"text"``) and the
Document fields it ``assigns``. The built-in stages are declared in :mod:`khabar.pipeline.builtin`
and loaded on first use; :func:`stage` registers one of your own. A :class:`Pipeline` is an ordered
list of stage names; building one checks, before any document is processed, that each stage's
requirements are provided by an earlier stage, and names what is missing; running it names the stage
that fails on a document. The corpus runner maps the same pipeline over shards in every worker.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from khabar.errors import KhabarError, MissingRequirementError, StageFailedError, UnknownStageError
from khabar.model import Document
from khabar.pipeline.builtin import BUILTINS

StageFunc = Callable[[Document], None]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    doc: str
    #: the Document fields the stage writes (for the built-in stages a test checks them)
    assigns: tuple[str, ...] = ()


#: the stages loaded or registered so far (the built-in ones enter on first use)
_REGISTRY: dict[str, Stage] = {}

#: what ``khabar process`` runs by default
DEFAULT_STAGES: tuple[str, ...] = ("segment", "classify", "assemble", "signals")
#: the fact layers ``--facts`` adds after cleaning (not in the default pipeline: they cost time); the
#: last, ``confidence``, holds back the facts below the default thresholds (khabar.extract.confidence)
FACT_STAGES: tuple[str, ...] = ("entities", "places", "refs", "dates", "quantities", "events", "confidence")


def _first_line(func: StageFunc) -> str:
    return (func.__doc__ or "").strip().split("\n")[0]


def stage(
    name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name`` (your own stages; the built-in ones are declared in
    :mod:`khabar.pipeline.builtin`). ``assigns``: the Document fields it writes."""

    def deco(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(
            name, func, tuple(requires), tuple(provides), _first_line(func), tuple(assigns)
        )
        return func

    return deco


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


def _load_builtin(name: str) -> Stage | None:
    """The built-in stage ``name`` (its module imported now), or None when there is none."""
    spec = BUILTINS.get(name)
    if spec is None:
        return None
    module, _, func_name = spec.target.partition(":")
    func: StageFunc = getattr(importlib.import_module(module), func_name)
    st = Stage(name, func, spec.requires, spec.provides, _first_line(func), spec.assigns)
    _REGISTRY[name] = st
    return st


def get_stage(name: str) -> Stage:
    st = _REGISTRY.get(name) or _load_builtin(name)
    if st is None:
        known = ", ".join(sorted({*BUILTINS, *_REGISTRY}))
        raise UnknownStageError(f"no stage is registered as {name!r}; known stages: {known}", value=name)
    return st


def registered() -> dict[str, Stage]:
    """All stages by name: the built-in ones (in :data:`~khabar.pipeline.builtin.BUILTINS` order,
    every module imported), then those registered with :func:`stage`."""
    out = {name: get_stage(name) for name in BUILTINS}
    out.update((n, st) for n, st in _REGISTRY.items() if n not in out)
    return out


#: how many documents the pipelines with a fact layer have run in this process
_FACT_DOCS = 0
#: whether :func:`fact_document_done` settles the models (:func:`enable_settling`): off for a library
#: caller, whose own objects alive at that moment would be frozen too; on in khabar's own processes
_SETTLE = False


def enable_settling(on: bool = True) -> None:
    """Let pipelines with a fact layer keep the collector off the models (:func:`settle_models`).

    ``gc.freeze`` acts on the whole process: every object alive at that moment, the caller's too,
    leaves the collector's reach (reference counting still frees it; a reference cycle it later
    joins would not be). khabar's command line and its corpus workers turn it on (the process is
    theirs); a program that uses khabar as a library may, when what it keeps is no such cycle."""
    global _SETTLE
    _SETTLE = on


#: after the first document, :func:`settle_models` runs again every this many documents (see there)
SETTLE_EVERY = 500
#: once settling, the collector's own full collections wait for this many middle-generation ones
#: (CPython's default is 10; about 300 happen per 1,000 news articles): a safety net for a process
#: that runs few fact documents, as :func:`settle_models` makes a full collection every
#: :data:`SETTLE_EVERY` documents
FULL_EVERY = 1000


def settle_models(*, first: bool = False) -> None:
    """Keep the garbage collector off what lives long in this process: the fact layers' models and
    lexicons, and the per-word memories they fill (a pipeline with a fact layer calls it after its
    first document, which loads the models, and every :data:`SETTLE_EVERY` documents after it).

    The models stay for the life of the process, yet every full collection walked them: some two
    million references (the gazetteer's sets and places, the NER tables, the lexicons), a full
    collection every few dozen documents, a sixth of the CPU time of ``khabar process --facts`` on
    a thousand news articles; the word memories (readings, features, triggers of the words seen) grow
    towards their bounds and were walked as often. After a full collection (which frees any garbage
    held in a reference cycle), :func:`gc.freeze` moves every object alive into the collector's
    permanent generation, which it never walks; they are still freed as usual when nothing refers
    to them (a memory's evicted words are), and nothing that is computed changes. A document leaves no
    reference cycle behind (a test checks it), so nothing of the pipeline's own goes uncollected.

    ``first``: no full collection before the freeze (it would walk all the models just loaded, a
    third of a second of start-up for ``khabar process page.txt --facts``); what could be missed is
    a cycle left from importing the modules, once.

    The collector's own full collections are then made rare (:data:`FULL_EVERY`): this function runs
    one every :data:`SETTLE_EVERY` documents anyway, and between two freezes the collector's rule (a
    full collection once the objects promoted since the last one reach a quarter of those it found
    then) counts only the objects not frozen, a small base after a freeze: before the first full
    settle (document 500) it ran one every 20–30 documents, each walking every word memory filled
    since the first document, longer each time (0.01 → 0.2 s; 2.2–2.9 of 39 CPU seconds on 1,000
    articles, 26 full collections; with this, one).
    """
    if not first:
        gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)


def fact_document_done() -> None:
    """Count one document through a pipeline with a fact layer, and run :func:`settle_models` after
    the first and then every :data:`SETTLE_EVERY` (:meth:`Pipeline.__call__` calls it; a caller
    that runs the stages one by one, as ``benchmarks/pipeline.py`` does, calls it after each
    document)."""
    global _FACT_DOCS
    _FACT_DOCS += 1
    if _SETTLE and _FACT_DOCS % SETTLE_EVERY == 1:
        settle_models(first=_FACT_DOCS == 1)


class Pipeline:
    """An ordered, checked list of stages."""

    def __init__(self, names: Sequence[str] = DEFAULT_STAGES, *, given: Iterable[str] = ()) -> None:
        self.stages = [get_stage(n) for n in names]
        have = set(given)
        for st in self.stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                # the stages, built-in or registered, that provide what is missing (none imported)
                provides = {n: b.provides for n, b in BUILTINS.items()} | {
                    n: s.provides for n, s in _REGISTRY.items()
                }
                providers = sorted({n for n, p in provides.items() for m in missing if m in p})
                hint = f"; add {' or '.join(providers)} before it" if providers else ""
                raise MissingRequirementError(
                    f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage provides{hint}",
                    value=missing,
                )
            have.update(st.provides)
        self.provides = frozenset(have)
        #: whether a fact layer (:data:`FACT_STAGES`) is among the stages: they load models and fill
        #: word memories (see :func:`settle_models`)
        self.has_facts = any(s.name in FACT_STAGES for s in self.stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        """Run every stage on ``doc``. A stage that raises anything but a :class:`KhabarError` (which
        says what to fix, e.g. a broken data file, and stops the run) is a bug on this one document:
        it comes out as :class:`StageFailedError` naming the stage and the document, so a run can
        reject the record and go on.

        The first document with a fact layer in a process that settles (:func:`enable_settling`) runs
        with the collector off: it loads the models, whose hundreds of thousands of new objects set off
        some two hundred collections (0.04 s of the 0.5 s of ``khabar process page.txt --facts``) that
        find next to nothing (a few hundred objects of cyclic garbage from loading), and the settling
        after it freezes what it loaded anyway (:func:`settle_models`)."""
        if self.has_facts and _SETTLE and _FACT_DOCS == 0 and gc.isenabled():
            gc.disable()
            try:
                return self._run(doc)
            finally:
                gc.enable()
        return self._run(doc)

    def _run(self, doc: Document) -> Document:
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
        if self.has_facts:
            fact_document_done()
        return doc

    def map(self, docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            yield self(d)
