"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the persisted store.

The server is :mod:`kg.endpoint.server`; this package imports nothing so the
query workers (:mod:`kg.endpoint.worker`) start fast.
"""
