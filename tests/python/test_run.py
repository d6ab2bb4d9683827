"""Scenario.run from Python against `seatcast run`: the same file, dataset by dataset;
overrides against an edited scenario; errors; the GIL released during a run."""

import os
import re
import threading

import h5py
import numpy as np
import pandas as pd
import pytest

from conftest import assert_same_files, cli, scenario_path

MAZHILIS = scenario_path("kz", "mazhilis-2023.toml")


def test_python_run_writes_the_cli_file_dataset_by_dataset(seatcast, tmp_path):
    cli("run", MAZHILIS, "-n", 30000, "--seed", 11, "--threads", 2, "-q", "-o",
        tmp_path / "cli.h5")
    r = seatcast.Scenario.load(MAZHILIS).run(draws=30000, seed=11, threads=2,
                                             output=tmp_path / "py.h5", progress=False)
    assert r.draws == 30000 and r.seed == 11
    assert_same_files(tmp_path / "cli.h5", tmp_path / "py.h5")


def test_set_equals_the_cli_set_and_an_edited_scenario(seatcast, tmp_path):
    key = "body.mazhilis.list_tier.threshold"
    cli("run", MAZHILIS, "-n", 20000, "--seed", 3, "--threads", 1, "-q", "--set",
        f"{key}=0.07", "-o", tmp_path / "cli.h5")
    s = seatcast.Scenario.load(MAZHILIS).set(key, 0.07)
    assert s.overrides == [f"{key}=0.07"]
    s.run(draws=20000, seed=3, threads=1, output=tmp_path / "py.h5", progress=False)
    assert_same_files(tmp_path / "cli.h5", tmp_path / "py.h5")
    # The same by position ("body.0") and in an edited copy of the file: the same counts
    # (only the recorded scenario text differs).
    text = open(MAZHILIS, encoding="utf-8").read()
    edited, n = re.subn(r"(\[body\.list_tier\][^\[]*?threshold = )0\.05", r"\g<1>0.07", text)
    assert n == 1
    path = os.path.join(os.path.dirname(MAZHILIS), ".edited-threshold-test.toml")
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(edited)
        seatcast.Scenario.load(path).run(draws=20000, seed=3, threads=1,
                                         output=tmp_path / "edited.h5", progress=False)
    finally:
        os.remove(path)
    seatcast.Scenario.load(MAZHILIS).set("body.0.list_tier.threshold", 0.07).run(
        draws=20000, seed=3, threads=2, output=tmp_path / "position.h5", progress=False)
    for other in ("edited.h5", "position.h5"):
        with h5py.File(tmp_path / "py.h5") as a, h5py.File(tmp_path / other) as b:
            for name in ("seats_total", "seats_pr", "passed_threshold"):
                assert np.array_equal(a["mazhilis"][name][()], b["mazhilis"][name][()]), name
    # 7% keeps out a party that 5% lets in, in some draws: the override did something.
    with h5py.File(tmp_path / "py.h5") as a:
        base = seatcast.Scenario.load(MAZHILIS).run(draws=20000, seed=3, threads=1,
                                                    progress=False)
        assert not np.array_equal(a["mazhilis"]["passed_threshold"][()],
                                  base.passed("mazhilis").values * 20000)


def test_errors_carry_file_line_and_field(seatcast, tmp_path):
    with pytest.raises(seatcast.InputError) as e:
        seatcast.Scenario.from_toml("[run]\ndraws = -5\n", name="inline.toml")
    assert "inline.toml" in str(e.value)
    with pytest.raises(seatcast.InputError) as e:
        seatcast.Scenario.load(MAZHILIS).set("body.nosuchbody.list_tier.threshold", 0.07)
    assert "nosuchbody" in str(e.value) and e.value.file == MAZHILIS
    with pytest.raises(seatcast.InputError) as e:
        seatcast.Scenario.load(MAZHILIS).set("body.mazhilis.list_tier.threshold", 1.5)
    assert "threshold" in str(e.value)
    with pytest.raises(seatcast.InputError) as e:
        seatcast.Scenario.load(tmp_path / "missing.toml")
    assert "missing.toml" in str(e.value)
    # The message is the command line's (exit 2 there, the same words), with the line.
    lines = open(MAZHILIS, encoding="utf-8").read().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("draws = "))
    lines[at] = "draws = 'many'"
    bad = os.path.join(os.path.dirname(MAZHILIS), ".bad-draws-test.toml")
    try:
        with open(bad, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        p = cli("validate", bad, check=False)
        with pytest.raises(seatcast.InputError) as e:
            seatcast.Scenario.load(bad)
    finally:
        os.remove(bad)
    assert p.returncode == 2
    assert str(e.value) in p.stderr
    assert e.value.line == at + 1 and e.value.field == "run.draws"


def test_an_existing_result_is_not_overwritten(seatcast, tmp_path):
    out = tmp_path / "r.h5"
    out.write_bytes(b"precious")
    s = seatcast.Scenario.load(MAZHILIS)
    with pytest.raises(seatcast.OutputExists):
        s.run(draws=1000, output=out, progress=False)
    assert out.read_bytes() == b"precious"
    s.run(draws=1000, output=out, overwrite=True, progress=False)
    assert h5py.is_hdf5(out)
    assert sorted(os.listdir(tmp_path)) == ["r.h5"]  # no temporaries left


def test_progress_reaches_the_total_and_an_exception_stops_the_run(seatcast, tmp_path):
    seen = []
    seatcast.Scenario.load(MAZHILIS).run(draws=200000, seed=1, threads=2,
                                         output=tmp_path / "a.h5",
                                         progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (200000, 200000)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        seatcast.Scenario.load(MAZHILIS).run(draws=2000000, threads=2,
                                             output=tmp_path / "b.h5", progress=stop)
    assert not (tmp_path / "b.h5").exists()
    assert sorted(os.listdir(tmp_path)) == ["a.h5"]


def test_the_gil_is_released_while_the_draws_run(seatcast, tmp_path):
    # A Python thread counts while the run is between its first and last progress call;
    # with the GIL held by the run it could not take a single step there.
    state = {"started": False, "finished": False, "steps": 0}

    def progress(done, total):
        state["started"] = True
        state["finished"] = done == total

    def work():
        seatcast.Scenario.load(MAZHILIS).run(draws=3000000, seed=2, threads=1,
                                             output=tmp_path / "g.h5", progress=progress)

    t = threading.Thread(target=work)
    t.start()
    while t.is_alive():
        if state["started"] and not state["finished"]:
            state["steps"] += 1
    t.join()
    assert state["finished"]
    assert state["steps"] > 1000


def test_results_as_labelled_arrays(seatcast, tmp_path):
    r = seatcast.Scenario.load(MAZHILIS).run(draws=40000, seed=5, threads=2, keep_draws=True,
                                             progress=False)
    seats = r.seats("mazhilis")
    assert seats.dims == ("option", "seats")
    assert list(seats.option.values) == r.options
    np.testing.assert_allclose(seats.sum("seats").values, 1.0, atol=1e-12)
    with h5py.File(r.path) as f:
        np.testing.assert_array_equal(seats.values, f["mazhilis"]["seats_total"][()] / 40000)
    # summary() equals `seatcast summarize --format csv`.
    p = cli("summarize", r.path, "--format", "csv")
    from io import StringIO
    want = pd.read_csv(StringIO(p.stdout))
    got = r.summary("mazhilis")
    for _, row in want.iterrows():
        g = got.loc[row["option"]]
        for col in ("mean", "q05", "q50", "q95", "p_seats", "p_majority"):
            if col in want.columns:
                assert abs(float(g[col]) - float(row[col])) < 1e-6, (row["option"], col)
    # A coalition from the kept draws equals summing the kept rows by hand.
    c = r.coalition(["auyl", "respublica", "aq_jol"], "mazhilis")
    kept = r.draws_seats("mazhilis")
    together = kept.sel(option=["auyl", "respublica", "aq_jol"]).sum("option").values.astype(np.int64)
    assert c.p_majority == pytest.approx(np.mean(together >= 50), abs=1e-12)
    assert c.mean == pytest.approx(together.mean(), abs=1e-9)
    np.testing.assert_allclose(c.seats.values, np.bincount(together, minlength=99) / 40000)
    # Without kept draws: an error that says how to get them.
    plain = seatcast.Scenario.load(MAZHILIS).run(draws=2000, progress=False)
    with pytest.raises(seatcast.ResultsError, match="keep_draws"):
        plain.coalition(["auyl", "respublica"], "mazhilis")
    # seatcast.open reads the same file.
    again = seatcast.open(r.path)
    assert again.seats("mazhilis").equals(seats)
    saved = r.save(tmp_path / "kept.h5")
    with pytest.raises(FileExistsError):
        r.save(saved)


def test_coalitions_in_a_growing_house_use_each_draws_house(seatcast):
    # New Zealand keeps overhang seats (the house grows past 120): a majority is more
    # than half of that draw's own house, read from the kept draws.
    r = seatcast.Scenario.load(scenario_path("nz", "house-2023-from-2020.toml")).run(
        draws=20000, seed=3, threads=2, keep_draws=True, progress=False)
    kept = r.draws_seats("house").values.astype(np.int64)
    house = kept.sum(axis=1)
    assert house.min() >= 120
    members = ["labour", "green"]
    idx = [r.options.index(m) for m in members]
    together = kept[:, idx].sum(axis=1)
    c = r.coalition(members, "house")
    assert c.p_majority == pytest.approx(np.mean(2 * together > house), abs=1e-12)
    assert c.p_two_thirds == pytest.approx(np.mean(3 * together >= 2 * house), abs=1e-12)
