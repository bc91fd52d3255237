"""Matrix products of the trained models through numpy's BLAS instead of BLIS.

thinc's CPU backend multiplies matrices with BLIS; on the EPYC cores of our
machines numpy's OpenBLAS does the same products about three times faster,
and matrix products are four fifths of the tok2vec's time. A pipeline whose
config names the callback below under ``[nlp] after_pipeline_creation``
gets, in every component's model, thinc's own ``NumpyOps`` with BLIS turned
off (``use_blis=False``: thinc then calls ``numpy.dot``); every other
operation is unchanged. The callback runs when the pipeline is trained and
whenever it is loaded, so the weights are those of an ordinary spaCy
pipeline.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.util import registry
from thinc.api import NumpyOps

__all__ = ["make_numpy_blas_ops", "use_numpy_blas"]


def use_numpy_blas(nlp: Language) -> Language:
    """Give every thinc model of ``nlp``'s components CPU ops that multiply with numpy; return ``nlp``.

    Models on another backend (a GPU) are left alone.
    """
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return nlp


@registry.callbacks("il6kg.numpy_blas_ops.v1")
def make_numpy_blas_ops() -> Callable[[Language], Language]:
    """Registered ``after_pipeline_creation`` callback: :func:`use_numpy_blas`."""
    return use_numpy_blas
