"""Services: the one door for pages, the CLI and the report.

Everything that reads the store and hands results to the user goes through
this package: channels and period metrics (:mod:`.channels`,
:mod:`.metrics`), the modelling inputs and results (:mod:`.reach`,
:mod:`.growth`, :mod:`.fans`, :mod:`.strategy`), the sample store
(:mod:`.demo`) and privacy requests (:mod:`.privacy`). The store layer
(:mod:`analytics.store`) opens one short-lived connection per call; the
models, growth and strategy layers take frames and return results.
"""
