"""The results-file reader, for scripts run from a checkout (no build needed).

The reader itself is python/seatcast/_file.py, part of the Python package: this shim
puts the checkout's python/ folder on the path and re-exports it, so scripts and older
notebooks keep `from seatcast_results import Results`.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from seatcast._file import (  # noqa: E402,F401
    FORMAT, QUANTILES, READABLE_VERSION, Body, Results, ResultsError, Sweep, SweepBody,
    histogram_mean, histogram_quantile, open_file, probability_at_least)
