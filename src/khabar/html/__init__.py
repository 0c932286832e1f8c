"""The HTML path: decoded HTML → candidate blocks with DOM signals → the same Arabic line classifier.

* :mod:`khabar.html.dom` — an offset-exact DOM pass (one regex scan and a tolerant element stack):
  text blocks with ``raw_start``/``raw_end`` into the decoded HTML and their DOM signals, plus what the
  ``<head>`` declares;
* :mod:`khabar.html.rules` — what the DOM makes evident (the article container, chrome roles, link
  density, form boxes), with ``dom:<why>`` reasons; the rest is left to the line classifier;
* :mod:`khabar.html.meta` — title, published date, byline, sections, canonical URL and site;
* :mod:`khabar.html.stages` — the ``segment_html``, ``refine_html`` and ``meta_html`` stages;
  :func:`khabar.api.process_text` runs :data:`~khabar.html.stages.HTML_STAGES` for
  ``Source.format`` ``"html"`` and ``"warc"``.

Nothing here needs a third-party package; reading WARC files needs FastWARC (``khabar[html]``).
"""
