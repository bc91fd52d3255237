"""Per-document extraction cache: what makes ``kg build`` incremental.

Each document's extraction result is stored in one file named by a hash of
the document's content (id, title, abstract, keywords, MeSH terms) and of the
pipeline's *fingerprint* (the code and data extraction depends on). A
rebuild extracts only documents without an entry; documents that were
deleted simply contribute nothing, because the graph is assembled from the
entries of the documents read in this build.

Entries are written atomically (temporary file + rename), so a build killed
at any moment (even by SIGKILL) leaves complete entries or none, and the
next build gives exactly the output of an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from kg.io import atomic_write_bytes
from kg.model import Document

__all__ = [
    "FINGERPRINT_SOURCES",
    "ExtractionCache",
    "document_key",
    "files_fingerprint",
    "pipeline_fingerprint",
]

logger = logging.getLogger(__name__)

_KG_ROOT = Path(__file__).resolve().parent
# Code and data that extraction results depend on: any change here starts a fresh cache
# (a test checks that every module extraction imports is covered). The shipped models are
# in ``models``; the ontology folder (the lexicon) is added by :func:`pipeline_fingerprint`.
FINGERPRINT_SOURCES = ("nlp", "lexicon", "relation_model", "models", "extract.py", "model.py", "codec.py")
# Side records of a fingerprint (concepts looked up in the lexicon), beside the key folders.
_EXTRA = "extra"


def pipeline_fingerprint(
    spec_repr: str, extra_files: Iterable[Path] = (), *, memo: Path | None = None
) -> str:
    """Return a hash of the extraction code, the ontology data and the pipeline settings.

    Parameters
    ----------
    spec_repr
        Text that identifies the pipeline settings (model name, vocabulary).
    extra_files
        Further files the results depend on (a custom vocabulary).
    memo
        A file where the result is kept with the identity of every file read
        (device, inode, size, modification and change times): while none of
        them changes, the ~70 MB of models, lexicon and code are not read and
        hashed again (0.4-0.8 s at the start of every build).
    """
    from importlib.metadata import version

    from kg import __version__
    from kg.nlp.vocabulary import default_ontology_dir

    files: list[Path] = []
    for name in FINGERPRINT_SOURCES:
        path = _KG_ROOT / name
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    ontology = default_ontology_dir()
    files.extend(sorted(p for p in ontology.rglob("*") if p.is_file()))
    files.extend(Path(p) for p in extra_files)
    # spaCy's version from its metadata: importing spaCy takes seconds that a rebuild extracting
    # in a worker process does not otherwise spend here.
    spacy_version = version("spacy")
    seed = f"{__version__}\0{spacy_version}\0{spec_repr}".encode()
    if memo is None:
        return files_fingerprint(seed, files)
    return _memoised_fingerprint(seed, files, Path(memo))


def _memoised_fingerprint(seed: bytes, files: list[Path], memo: Path) -> str:
    """:func:`files_fingerprint`, reused from ``memo`` while no file's identity has changed."""
    identity = hashlib.sha256(seed)
    for path in files:
        if "__pycache__" in path.parts:
            continue
        try:
            info = path.stat()
        except OSError:  # missing: files_fingerprint skips it too
            identity.update(f"{path}\0-\n".encode())
            continue
        # The change time cannot be set back by any tool: a rewritten file always differs.
        stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        identity.update(f"{path}\0{stamp}\n".encode())
    key = identity.hexdigest()
    try:
        stored = json.loads(memo.read_bytes())
        known = stored.get("fingerprint") if isinstance(stored, dict) and stored.get("files") == key else None
        if isinstance(known, str):
            return known
    except (OSError, ValueError):
        pass  # none yet, or unreadable: computed again
    fingerprint = files_fingerprint(seed, files)
    if not memo.parent.is_dir():  # a build that writes nothing creates no folder: kept from the next one
        return fingerprint
    try:
        record = json.dumps({"files": key, "fingerprint": fingerprint}).encode()
        atomic_write_bytes(memo, record, durable=False)
    except OSError as error:
        logger.warning("could not keep the pipeline fingerprint in %s (%s)", memo, error)
    return fingerprint


def files_fingerprint(seed: bytes, paths: Iterable[Path]) -> str:
    """Return a short hash of ``seed`` and the name and bytes of each existing file, in order.

    Missing files and ``__pycache__`` entries are skipped. The cache, the
    assembly snapshot and the output indexes use it to tell whether the code
    and data they depend on have changed.
    """
    digest = hashlib.sha256(seed)
    for path in paths:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def document_key(document: Document) -> str:
    """Hash of everything extraction reads from a document (not its file name)."""
    content = [document.id, document.title, document.abstract, document.keywords, document.mesh_terms]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


class ExtractionCache:
    """Entries under ``<root>/<fingerprint>/<key[:2]>/<key>.json``.

    Parameters
    ----------
    root
        Cache folder (``<out>/cache`` for ``kg build``).
    fingerprint
        From :func:`pipeline_fingerprint`; entries of other fingerprints are
        removed by :meth:`prune`.
    """

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.folder = self.root / fingerprint
        self._folder_text = str(self.folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> bytes | None:
        """Return the stored payload for ``key``, or None."""
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` is stored (without reading it)."""
        return os.path.isfile(os.path.join(self._folder_text, key[:2], f"{key}.json"))

    def has_extra(self, name: str) -> bool:
        """Whether the side record ``name`` is stored."""
        return (self.folder / _EXTRA / name).is_file()

    def put(self, key: str, payload: bytes) -> None:
        """Store ``payload`` atomically (no fsync: a crash of the process, not the OS, is the concern)."""
        atomic_write_bytes(self._path(key), payload, durable=False)

    def get_extra(self, name: str) -> bytes | None:
        """Return a side record of this fingerprint (not a document entry), or None."""
        try:
            return (self.folder / _EXTRA / name).read_bytes()
        except FileNotFoundError:
            return None

    def extra_path(self, name: str) -> Path:
        """Where the side record ``name`` is kept (for a writer of its own; kept by :meth:`prune`)."""
        return self.folder / _EXTRA / name

    def put_extra(self, name: str, payload: bytes) -> None:
        """Store a side record (kept by :meth:`prune` while the fingerprint lasts)."""
        atomic_write_bytes(self.folder / _EXTRA / name, payload, durable=False)

    def prune(self, keep: set[str]) -> int:
        """Delete entries not in ``keep``, other fingerprints and stray temporary files; return the count."""
        removed = 0
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other.is_dir() and other.name != self.fingerprint:
                    shutil.rmtree(other, ignore_errors=True)
                    removed += 1
        if not self.folder.is_dir():
            return removed
        # os.walk (scandir) rather than Path.rglob: listing the 10k-paper cache took a second.
        for folder, _, names in os.walk(self.folder):
            in_extra = os.path.basename(folder) == _EXTRA
            for name in names:
                if in_extra and not name.startswith("."):
                    continue
                if name.startswith(".") or os.path.splitext(name)[0] not in keep:
                    try:
                        os.unlink(os.path.join(folder, name))
                    except FileNotFoundError:
                        continue
                    removed += 1
        return removed
