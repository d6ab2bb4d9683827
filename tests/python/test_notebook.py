"""examples/mazhilis-2023.ipynb executes from top to bottom with the built package
(jupyter nbconvert, Debian's jupyter-nbconvert and python3-ipykernel), so it cannot go
stale; its own cells assert what they show (the official list seats, monotone thresholds)."""

import json
import os
import subprocess
import sys

from conftest import SOURCE


def test_the_worked_notebook_executes(tmp_path):
    out = tmp_path / "executed.ipynb"
    env = dict(os.environ)
    env["MPLBACKEND"] = "Agg"
    p = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=python3",
         "--output", str(out), os.path.join(SOURCE, "examples", "mazhilis-2023.ipynb")],
        capture_output=True, text=True, env=env, cwd=os.path.join(SOURCE, "examples"))
    assert p.returncode == 0, p.stderr[-4000:]
    nb = json.loads(out.read_text())
    errors = [o for c in nb["cells"] if c["cell_type"] == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    # The official-seats cell shows the CEC's seats under both columns it asserts.
    text = json.dumps(nb)
    assert "amanat" in text and "dhondt" in text
