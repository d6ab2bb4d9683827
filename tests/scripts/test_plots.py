"""The Python scripts over a results file, end to end (ctest: scripts.plots).

    /usr/bin/python3 tests/scripts/test_plots.py SEATCAST_EXE SOURCE_DIR

Makes a small results file with the seatcast executable, runs scripts/plot_seats.py and
scripts/report.py on it (and scripts/plot_sweep.py and report.py on sweep files) and
checks the PNG (signature, IHDR width and height = inches x dpi), the HTML (summary table, embedded base64 PNG, run facts, scenario text) and that
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
        import h5py  # here: without it DependenciesTest fails, and this test with it
        with h5py.File(self.results, "r") as f:
            options = len(f["options"])
        self.assertEqual(page.count("<tr>"), 1 + options)  # header + one row per option
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


class SweepScriptTest(unittest.TestCase):
    """scripts/plot_sweep.py over a `seatcast sweep` file, with and without methods."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="seatcast-sweep-")
        cls.sweep = os.path.join(cls.dir, "sweep.h5")
        cls.methods = os.path.join(cls.dir, "methods.h5")
        cls.run_file = os.path.join(cls.dir, "run.h5")
        for args in (["sweep", SCENARIO, "--threshold", "0:0.1:0.01", "-o", cls.sweep],
                     ["sweep", SCENARIO, "--threshold", "0.03:0.07:0.01", "--method",
                      "hare,dhondt,sainte-lague", "-o", cls.methods],
                     ["run", SCENARIO, "-o", cls.run_file]):
            r = subprocess.run([SEATCAST, *args, "-n", "2000", "-s", "4", "-q"],
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise AssertionError(f"seatcast {args[0]} failed: {r.stderr}")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def script(self, name, *args):
        return subprocess.run([PYTHON, os.path.join(SCRIPTS, name), *args], capture_output=True,
                              text=True, cwd=self.dir)

    def test_help(self):
        r = self.script("plot_sweep.py", "--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("usage:", r.stdout)
        self.assertIn("--output", r.stdout)

    def test_default_size(self):
        out = os.path.join(self.dir, "sweep.png")
        r = self.script("plot_sweep.py", self.sweep, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(png_size(f.read()), (1000, 700))

    def test_methods_given_size_and_body(self):
        out = os.path.join(self.dir, "methods.png")
        r = self.script("plot_sweep.py", self.methods, "-o", out, "--body", "mazhilis",
                        "--width", "6", "--height", "5", "--dpi", "60")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(png_size(f.read()), (6 * 60, 5 * 60))

    def test_every_text_is_inside_the_image(self):
        # The title once ran past both edges of the default 10-inch figure. Checked on the
        # laid-out figure: every title and the legend within the image's width and height.
        sys.path.insert(0, SCRIPTS)
        try:
            import plot_sweep
            from seatcast_results import Sweep
        finally:
            sys.path.remove(SCRIPTS)
        long_name = ("Kazakhstan Mazhilis 2023: the whole chamber from pre-election polls, "
                     "with every district and the regional list of Kostanay beside it")
        for path, name, width, height, dpi in ((self.methods, None, 10, 7, 100),
                                               (self.sweep, None, 6, 5, 60),
                                               (self.methods, long_name, 10, 7, 100),
                                               (self.methods, long_name, 5, 4, 80)):
            s = Sweep(path)
            if name:
                s.scenario_name = name
            fig = plot_sweep.make_figure(s, s.body(), width, height, dpi)
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            texts = [fig._suptitle] + [ax.title for ax in fig.axes] + \
                [ax.get_legend() for ax in fig.axes if ax.get_legend()]
            self.assertGreaterEqual(len(texts), 4)
            for t in texts:
                box = t.get_window_extent(renderer)
                where = (path, name, width, height, dpi, getattr(t, "get_text", str)())
                self.assertGreaterEqual(box.x0, 0, where)
                self.assertLessEqual(box.x1, width * dpi, where)
                self.assertGreaterEqual(box.y0, 0, where)
                self.assertLessEqual(box.y1, height * dpi, where)
            self.assertIn("draws, seed 4", fig._suptitle.get_text())
            plot_sweep.plt.close(fig)

    def test_module_reads_the_sweep(self):
        sys.path.insert(0, SCRIPTS)
        try:
            from seatcast_results import Sweep
        finally:
            sys.path.remove(SCRIPTS)
        s = Sweep(self.methods)
        self.assertEqual(s.methods, ["hare", "dhondt", "sainte-lague"])
        self.assertEqual(len(s.thresholds), 5)
        b = s.body()
        self.assertEqual(b.seats_pr.shape[:3], (5, 3, len(s.options)))
        self.assertEqual(b.reference, "0.03:hare")
        self.assertTrue(((b.p_passed >= 0) & (b.p_passed <= 1)).all())

    def test_report_of_a_sweep(self):
        out = os.path.join(self.dir, "sweep.html")
        r = self.script("report.py", self.methods, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            page = f.read()
        self.assertIn('<table class="sweep" id="sweep-mazhilis">', page)
        self.assertEqual(page.count("<tr>"), 1 + 5 * 3)  # header + thresholds x methods
        self.assertIn("<td>dhondt</td>", page)
        self.assertIn("<dt>seed</dt><dd>4</dd>", page)
        m = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
        self.assertIsNotNone(m, "no embedded figure")
        self.assertEqual(png_size(base64.b64decode(m.group(1))), (1000, 700))

    def test_kinds_are_not_mixed_up(self):
        out = os.path.join(self.dir, "x.png")
        r = self.script("plot_sweep.py", self.run_file, "-o", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("not a sweep file", r.stderr)
        r = self.script("plot_seats.py", self.sweep, "-o", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("sweep file", r.stderr)
        r = self.script("plot_sweep.py", os.path.join(self.dir, "absent.h5"), "-o", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("no such file", r.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
