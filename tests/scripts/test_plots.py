"""The Python scripts over a results file, end to end (ctest: scripts.plots).

    /usr/bin/python3 tests/scripts/test_plots.py SEATCAST_EXE SOURCE_DIR

Makes a small results file with the seatcast executable, runs scripts/plot_seats.py and
scripts/report.py on it and checks the PNG (signature, IHDR width and height = inches x
dpi), the HTML (summary table, embedded base64 PNG, run facts, scenario text) and that
scripts/seatcast_results.py agrees with `seatcast summarize --format csv`. Missing
python3-h5py, numpy or matplotlib make the test FAIL (scripts/setup.sh installs them).
"""

import base64
import csv
import html
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

PYTHON = "/usr/bin/python3"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

if len(sys.argv) < 3:
    sys.exit(__doc__)
SEATCAST = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
SCRIPTS = os.path.join(SOURCE, "scripts")
SCENARIO = os.path.join(SOURCE, "scenarios", "kz", "mazhilis-2023.toml")


def png_size(data):
    """(width, height) from a PNG's IHDR chunk, checking the signature first."""
    assert data[:8] == PNG_SIGNATURE, data[:8]
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13, (kind, length)
    return struct.unpack(">II", data[16:24])


class DependenciesTest(unittest.TestCase):
    def test_python_packages_are_installed(self):
        # A failure, not a skip: the scripts are part of the product.
        for module in ("h5py", "numpy", "matplotlib"):
            r = subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0,
                             f"{PYTHON} cannot import {module} (run scripts/setup.sh): {r.stderr}")


class ScriptsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="seatcast-scripts-")
        cls.results = os.path.join(cls.dir, "run.h5")
        r = subprocess.run([SEATCAST, "run", SCENARIO, "-n", "3000", "-s", "11", "-o", cls.results,
                            "-q"], capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError(f"seatcast run failed: {r.stderr}")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def script(self, name, *args):
        return subprocess.run([PYTHON, os.path.join(SCRIPTS, name), *args], capture_output=True,
                              text=True, cwd=self.dir)

    def test_help(self):
        for name in ("plot_seats.py", "report.py"):
            r = self.script(name, "--help")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("usage:", r.stdout)
            self.assertIn("--output", r.stdout)

    def test_plot_seats_default_size(self):
        out = os.path.join(self.dir, "seats.png")
        r = self.script("plot_seats.py", self.results, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(png_size(f.read()), (1000, 600))

    def test_plot_seats_given_size_and_body(self):
        out = os.path.join(self.dir, "small.png")
        r = self.script("plot_seats.py", self.results, "-o", out, "--body", "mazhilis",
                        "--width", "4", "--height", "3", "--dpi", "50")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(png_size(f.read()), (4 * 50, 3 * 50))

    def test_report(self):
        out = os.path.join(self.dir, "report.html")
        r = self.script("report.py", self.results, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            page = f.read()
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertIn('<table class="summary" id="summary-mazhilis">', page)
        self.assertEqual(page.count("<tr>"), 1 + 8)  # header + one row per option
        self.assertIn("<td>Amanat", page)
        self.assertIn("<dt>seed</dt><dd>11</dd>", page)
        self.assertIn("<dt>draws</dt><dd>3,000</dd>", page)
        self.assertIn("Kazakhstan Mazhilis 2023", page)
        self.assertIn("<details>", page)
        self.assertIn("<summary>Scenario file</summary>", page)
        with open(SCENARIO, encoding="utf-8") as f:
            scenario = f.read()
        self.assertIn(html.escape(scenario), page)  # the whole text, escaped
        # The embedded figure is a real PNG.
        m = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
        self.assertIsNotNone(m, "no embedded data:image/png;base64 image")
        width, height = png_size(base64.b64decode(m.group(1)))
        self.assertGreater(width, 0)
        self.assertGreater(height, 0)
        # Self-contained: nothing fetched from elsewhere.
        self.assertNotRegex(page, r'(src|href)="(https?:)?//')

    def test_module_agrees_with_seatcast_summarize(self):
        sys.path.insert(0, SCRIPTS)
        try:
            from seatcast_results import Results
        finally:
            sys.path.remove(SCRIPTS)
        r = subprocess.run([SEATCAST, "summarize", self.results, "--format", "csv"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = list(csv.DictReader(io.StringIO(r.stdout)))
        res = Results(self.results)
        self.assertEqual((res.draws, res.seed), (3000, 11))
        ours = [s for b in res.bodies for s in b.summary()]
        self.assertEqual(len(ours), len(rows))
        for mine, theirs in zip(ours, rows):
            for key in ("body", "option", "kind"):
                self.assertEqual(mine[key], theirs[key])
            for key in ("q05", "q25", "q50", "q75", "q95"):
                self.assertEqual(mine[key], int(theirs[key]), (key, mine, theirs))
            for key in ("p_passed", "p_seats", "mean", "p_majority", "p_two_thirds"):
                self.assertAlmostEqual(mine[key], float(theirs[key]), delta=1e-12,
                                       msg=(key, mine, theirs))

    def test_scripts_refuse_what_is_not_a_results_file(self):
        text = os.path.join(self.dir, "notes.h5")
        with open(text, "w") as f:
            f.write("not hdf5\n")
        cut = os.path.join(self.dir, "cut.h5")
        with open(self.results, "rb") as f, open(cut, "wb") as g:
            g.write(f.read(1000))
        for bad, why in ((text, "not an HDF5 file"), (cut, "truncated"),
                         (os.path.join(self.dir, "absent.h5"), "no such file")):
            for name in ("plot_seats.py", "report.py"):
                r = self.script(name, bad, "-o", os.path.join(self.dir, "x.out"))
                self.assertEqual(r.returncode, 2, (name, bad, r.stderr))
                self.assertIn(bad, r.stderr)
                self.assertIn(why, r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "x.out")))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
