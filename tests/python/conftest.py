"""Shared fixtures of the Python package's tests (run by ctest: tests/CMakeLists.txt).

SEATCAST_SOURCE_DIR and SEATCAST_EXE come from ctest; PYTHONPATH holds <build>/python.
"""

import os
import subprocess

import h5py
import numpy as np
import pytest

SOURCE = os.environ.get("SEATCAST_SOURCE_DIR",
                        os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
EXE = os.environ.get("SEATCAST_EXE", os.path.join(SOURCE, "build", "engine", "cli", "seatcast"))


def scenario_path(*parts):
    return os.path.join(SOURCE, "scenarios", *parts)


def cli(*args, check=True):
    """Runs the seatcast executable; returns the completed process (text)."""
    p = subprocess.run([EXE, *map(str, args)], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"seatcast {' '.join(map(str, args))} exited {p.returncode}:\n"
                             f"{p.stderr}")
    return p


def file_contents(path, skip_root_attrs=()):
    """Every dataset's values and every attribute of a results file, by path."""
    out = {}
    with h5py.File(path, "r") as f:
        for k, v in f.attrs.items():
            if k not in skip_root_attrs:
                out[f"/@{k}"] = v
        def visit(name, obj):
            for k, v in obj.attrs.items():
                if k not in ("DIMENSION_LIST", "REFERENCE_LIST"):  # object references
                    out[f"/{name}@{k}"] = v
            if isinstance(obj, h5py.Dataset):
                out[f"/{name}"] = obj[()]
        f.visititems(visit)
    return out


def assert_same_files(a, b, skip_root_attrs=()):
    x, y = file_contents(a, skip_root_attrs), file_contents(b, skip_root_attrs)
    assert sorted(x) == sorted(y)
    for k in x:
        assert np.array_equal(np.asarray(x[k]), np.asarray(y[k])), k


@pytest.fixture
def seatcast():
    import seatcast as s
    return s
