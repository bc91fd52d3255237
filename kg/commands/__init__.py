"""Command groups of the ``kg`` CLI, one module per topic, registered in :mod:`kg.cli`."""
