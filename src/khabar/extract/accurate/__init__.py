"""The accurate NER tagger: a fine-tuned multilingual-e5-small encoder (see :mod:`.tagger`).

Nothing here is imported on the default path: the CRF (:mod:`khabar.extract.ner`) stays the default
for corpus speed, and this package is loaded only when ``ner="accurate"`` is asked for.
"""
