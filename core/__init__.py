"""The shared core of bilingual-brief: what the three products (``summarize``, ``glossary``,
``translate``) stand on, and never imports them back.

``corpus`` (files → articles → passages → sentences, with offsets), ``models`` (roles,
settings, lazy loading, backends, executors, batched and cached generation), ``cache``,
``io`` (atomic writes), ``errors`` (the one exception tree), ``progress``, ``text`` and
``terms`` (what translation may know of a glossary entry). See ARCHITECTURE.md.
"""
