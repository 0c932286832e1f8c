"""Argument rules: who is the actor and who the recipient of a trigger, from Arabic news syntax.

The rules read the participant mentions of the trigger's sentence (:mod:`khabar.events.mentions`)
around it, by the trigger's frame (see the header of ``events_triggers_ar.tsv``):

* **verb-initial (VSO)**: the first ungoverned mention right after the verb is its subject
  (``استقبل الرئيس X الوزير Y``), the next ungoverned one its object;
* **nominal / SVO**: otherwise the nearest ungoverned mention before the trigger is the subject
  (``الرئيس اليمني يصل للقاهرة``, ``القوات السعودية تشن غارات``);
* a verbal noun's **genitive** is its subject (``زيارة الرئيس الأسد``), or its patient for the
  ``patient`` frame (``اعتقال سبعة مسؤولين``, ``مقتل براون``);
* ``بين X و Y`` makes every side an actor; ``مع X`` is the partner (recipient); ``بحضور X`` and
  ``برفقة X`` add participants; ``لـX``, ``على X``, ``ضد X``, ``إلى X`` name the recipient;
* the **agentless passive** (``تم اعتقال``, ``أُحيلوا``) has no actor: the named party is the recipient;
* **coordination** (``X و Y``, ``X، Y``) extends any argument to the coordinated mentions.

The package divides as the rules do (issue 19): :mod:`.vocab` (the limits, the word lists, ``Args``
and the grouping of coordinated mentions), :mod:`.phrases` (noun phrases that stand for a party),
:mod:`.clauses` (phrases a rule reads around the trigger), :mod:`.subjects` (the subject by the
sentence's order, the mentions a preposition governs), :mod:`.parties` (a verb's or a verbal noun's
subject and object), :mod:`.by_type` (rules of one event type), :mod:`.asides` (words beside the
parties that are none: a source after the event, an apposition, "at the request of") and
:mod:`.assign` (the frames give subject and object their roles). Names other modules use are re-exported here.
"""

from __future__ import annotations

from khabar.events.arguments.assign import assign_arguments
from khabar.events.arguments.phrases import noun_phrase, noun_phrase_before, party_head
from khabar.events.arguments.vocab import (
    PASSIVE_MARKERS,
    QUOTE_OPENERS,
    SPEECH_VERBS,
    VERBAL_TYPES,
    Args,
    first_person,
)

__all__ = [
    "PASSIVE_MARKERS",
    "QUOTE_OPENERS",
    "SPEECH_VERBS",
    "VERBAL_TYPES",
    "Args",
    "assign_arguments",
    "first_person",
    "noun_phrase",
    "noun_phrase_before",
    "party_head",
]
