"""Results files open as labelled arrays without seatcast: xarray over h5netcdf (Debian's
python3-xarray and python3-h5netcdf) sees named dimensions with coordinates, in every
group of a run's, a merged and a sweep file, and no dataset needs a fallback dimension."""

import subprocess

import h5py
import numpy as np
import pytest
import xarray as xr

from conftest import cli, scenario_path

MAZHILIS = scenario_path("kz", "mazhilis-2023.toml")


def groups(path):
    out = ["/"]
    with h5py.File(path) as f:
        f.visititems(lambda name, obj: out.append("/" + name)
                     if isinstance(obj, h5py.Group) else None)
    return out


def fallbacks(path):
    """Dimensions the rules of engine/output/dimensions.cpp did not name."""
    found = []
    with h5py.File(path) as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and name.rsplit("/", 1)[-1].rsplit("_dim", 1)[-1].isdigit() \
                    and "_dim" in name.rsplit("/", 1)[-1]:
                found.append(name)
        f.visititems(visit)
    return found


def open_every_group(path):
    for g in groups(path):
        xr.open_dataset(path, engine="h5netcdf", group=g).load()


def test_a_run_opens_with_named_dimensions_and_coordinates(tmp_path):
    out = tmp_path / "run.h5"
    cli("run", MAZHILIS, "-n", 20000, "--seed", 4, "-q", "--keep-draws", "-o", out)
    ds = xr.open_dataset(out, engine="h5netcdf", group="mazhilis")
    assert ds.seats_total.dims == ("options", "seats")
    assert ds.seats_pr.dims == ("options", "pr_seats")
    assert ds.seats_district.dims == ("options", "district_seats")
    assert list(ds.seats.values) == list(range(99))  # 98 seats: 0..98
    assert ds.sizes["pr_seats"] == 70 and ds.sizes["district_seats"] == 30
    root = xr.open_dataset(out, engine="h5netcdf")
    assert list(root.options.values)[:2] == ["amanat", "auyl"]
    # The option coordinate comes with the root: name the axis, sum the draws.
    counts = ds.seats_total.assign_coords(options=root.options.values)
    assert int(counts.sel(options="amanat").sum()) == 20000
    with h5py.File(out) as f:
        np.testing.assert_array_equal(counts.values, f["mazhilis/seats_total"][()])
    metrics = xr.open_dataset(out, engine="h5netcdf", group="mazhilis/metrics")
    assert metrics.gallagher.dims == ("gallagher_bin",)
    assert float(metrics.gallagher_bin[1] - metrics.gallagher_bin[0]) == pytest.approx(0.1)
    draws = xr.open_dataset(out, engine="h5netcdf", group="draws")
    assert draws.shares.dims == ("draw", "options") and draws.sizes["draw"] == 20000
    assert draws.seats.dims == ("draw", "bodies", "options")
    model = xr.open_dataset(out, engine="h5netcdf", group="model")
    assert model.mean_shares.dims == ("options",) and "self_nominated" not in model.options
    open_every_group(out)
    assert fallbacks(out) == []


def test_areas_tiers_and_a_merged_file(tmp_path):
    # Spain's 52 provinces with per-area seats (area_results in the preset), run as two
    # shards and merged.
    preset = scenario_path("es", "congreso-2023-from-2019.toml")
    parts = []
    for i in range(2):
        p = tmp_path / f"part{i}.h5"
        cli("run", preset, "-n", 8000, "--seed", 9, "-q", "--shard", f"{i}/2", "-o", p)
        parts.append(p)
    merged = tmp_path / "merged.h5"
    cli("merge", *parts, "-o", merged)
    whole = tmp_path / "whole.h5"
    cli("run", preset, "-n", 8000, "--seed", 9, "-q", "-o", whole)
    for path in (merged, whole):
        with h5py.File(path) as f:
            tier = [t.decode() for t in f["congreso/tier_order"][()]][0]
        t = xr.open_dataset(path, engine="h5netcdf", group=f"congreso/tiers/{tier}")
        assert t.area_seats.dims == ("areas", "options", "area_seat_counts")
        assert t.sizes["areas"] == 52
        levels = xr.open_dataset(path, engine="h5netcdf", group="congreso/levels/province")
        assert "28-madrid" in list(levels.areas.values)
        open_every_group(path)
        assert fallbacks(path) == []
    # Merging re-labels the new tallies: the same arrays and dimensions as one run.
    a = xr.open_dataset(merged, engine="h5netcdf", group="congreso")
    b = xr.open_dataset(whole, engine="h5netcdf", group="congreso")
    assert a.seats_total.dims == b.seats_total.dims
    np.testing.assert_array_equal(a.seats_total.values, b.seats_total.values)


def test_a_sweep_has_threshold_and_method_axes(tmp_path):
    out = tmp_path / "sweep.h5"
    cli("sweep", MAZHILIS, "-n", 4000, "--seed", 1, "-q", "--threshold", "0.03:0.07:0.02",
        "--method", "hare,dhondt", "-o", out)
    ds = xr.open_dataset(out, engine="h5netcdf", group="sweep/mazhilis")
    assert ds.seats_pr.dims == ("thresholds", "methods", "options", "pr_seats")
    assert ds.mean_wasted.dims == ("thresholds", "methods")
    sweep = xr.open_dataset(out, engine="h5netcdf", group="sweep")
    np.testing.assert_allclose(sweep.thresholds.values, [0.03, 0.05, 0.07])
    assert list(sweep.methods.values) == ["hare", "dhondt"]
    open_every_group(out)
    assert fallbacks(out) == []


def test_the_documented_datasets_keep_their_values(tmp_path):
    # Labelling adds scales only: summarize reads the file as before and h5py's view of
    # a histogram is the tally itself.
    out = tmp_path / "run.h5"
    cli("run", MAZHILIS, "-n", 5000, "--seed", 2, "-q", "-o", out)
    p = cli("summarize", out)
    assert "amanat" in p.stdout
    with h5py.File(out) as f:
        h = f["mazhilis/seats_total"]
        assert h.dims[0][0].name == "/options" and h.dims[1][0].name == "/mazhilis/seats"
        assert (h[()].sum(axis=1) == 5000).all()
    assert subprocess.run(["h5ls", "-r", str(out)], capture_output=True).returncode == 0
