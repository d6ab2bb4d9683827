"""seatcast.allocate (many rows at once) and Scenario.allocate (a counted table) against
the command line, the official Mazhilis 2023 list seats and a naive reference."""

import io
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from conftest import cli, scenario_path

OFFICIAL = scenario_path("kz", "data", "mazhilis-2023-pr-official.csv")


def test_official_mazhilis_2023_list_seats(seatcast):
    # CEC of Kazakhstan, 2023 (scenarios/kz/data/SOURCES.md): 69 seats by Hare over 5%.
    t = pd.read_csv(OFFICIAL)
    seats = seatcast.allocate(t["votes"].to_numpy(), 69, "hare", threshold=0.05,
                              kinds=list(t["kind"]))
    assert seats.tolist() == t["seats"].tolist()
    assert seats.tolist() == [40, 8, 6, 6, 5, 4, 0, 0]


def naive(votes, seats, method, threshold):
    """Seat by seat (divisors) or quota and remainders, in exact fractions."""
    base = sum(votes)
    ok = [v * 100 >= threshold * base for v in votes]  # threshold in percent
    if not any(ok):
        ok = [True] * len(votes)
    got = [0] * len(votes)
    if method == "dhondt" or method == "sainte-lague":
        step = 1 if method == "dhondt" else 2
        for _ in range(seats):
            best = max((Fraction(v, step * got[i] + 1), -i) for i, v in enumerate(votes)
                       if ok[i])
            got[-best[1]] += 1
        return got
    total = sum(v for v, k in zip(votes, ok) if k)
    quota = Fraction(total, seats)
    rest = []
    for i, v in enumerate(votes):
        if ok[i]:
            got[i] = int(Fraction(v) // quota)
            rest.append((Fraction(v) - got[i] * quota, -i))
    for _, i in sorted(rest, reverse=True)[:seats - sum(got)]:
        got[-i] += 1
    return got


@pytest.mark.parametrize("method", ["hare", "dhondt", "sainte-lague"])
def test_random_rows_equal_a_naive_reference_and_the_cli(seatcast, method, tmp_path):
    rng = np.random.default_rng(20261203)
    votes = rng.integers(0, 100000, size=(400, 6))
    votes[:40, 3:] = 0  # rows where few lists stand
    seats = seatcast.allocate(votes, 25, method, threshold=0.05)
    for row, got in zip(votes, seats):
        assert got.tolist() == naive([int(v) for v in row], 25, method, 5), row
    # A few rows through `seatcast allocate` as well.
    for k in range(0, 400, 80):
        path = tmp_path / f"row{k}.csv"
        path.write_text("option,votes\n" + "".join(f"p{i},{v}\n" for i, v in enumerate(votes[k])))
        out = pd.read_csv(io.StringIO(cli("allocate", "--seats", 25, "--method", method,
                                          "--threshold", 0.05, path).stdout))
        assert out["seats"].tolist() == seats[k].tolist()


def test_any_leading_shape_and_thread_counts_agree(seatcast):
    rng = np.random.default_rng(7)
    votes = rng.integers(0, 50, size=(3, 500, 5))  # small counts: many ties
    one = seatcast.allocate(votes, 10, "dhondt", tie_rule="lot", threads=1)
    two = seatcast.allocate(votes, 10, "dhondt", tie_rule="lot", threads=2)
    assert one.shape == votes.shape and one.dtype == np.int32
    assert np.array_equal(one, two)
    assert (one.sum(axis=-1) == 10).all()
    flat = seatcast.allocate(votes.reshape(-1, 5), 10, "dhondt", tie_rule="lot")
    assert np.array_equal(flat.reshape(votes.shape), one)
    seats, passed = seatcast.allocate(votes, 10, "hare", threshold=0.2, passed=True)
    share = votes / votes.sum(axis=-1, keepdims=True).clip(1)
    assert ((share >= 0.2) | ~passed).all()


def test_bad_arguments_raise_input_error(seatcast):
    with pytest.raises(seatcast.InputError, match="method"):
        seatcast.allocate([[1, 2]], 3, "nosuch")
    with pytest.raises(seatcast.InputError, match="votes"):
        seatcast.allocate([[1, -2]], 3, "hare")
    with pytest.raises(seatcast.InputError, match="votes"):
        seatcast.allocate([[1.5, 2]], 3, "hare")
    with pytest.raises(seatcast.InputError, match="threshold"):
        seatcast.allocate([[1, 2]], 3, "hare", threshold=2)
    with pytest.raises(seatcast.InputError) as e:
        seatcast.allocate([[1, 2]], 3, "hare", kinds=["party"])
    assert e.value.field == "kinds"


def test_scenario_allocate_equals_the_cli_on_spain_2023(seatcast):
    # Spain's Congreso 2023: 52 provinces by D'Hondt over 3% (tests/real/ has the
    # official seats); the table form equals `seatcast allocate --scenario`.
    preset = scenario_path("es", "congreso-2023.toml")
    votes = scenario_path("es", "data", "congreso-2023-votes.csv")
    want = pd.read_csv(io.StringIO(cli("allocate", "--scenario", preset, votes).stdout))
    s = seatcast.Scenario.load(preset)
    got = s.allocate(pd.read_csv(votes, keep_default_na=False, dtype={"area": str}))
    assert got.reset_index(drop=True).equals(want.reset_index(drop=True))
    total = got[got.area == "total"].set_index("option")["seats"]
    assert total.sum() == 350 and total["pp"] == 137 and total["psoe"] == 121
    # A path works too, and a bad table names the field.
    assert s.allocate(votes).equals(got)
    with pytest.raises(seatcast.InputError, match="votes table"):
        s.allocate(pd.DataFrame({"area": ["x"], "option": ["pp"], "votes": [-1]}))
