"""The in-house Brent root finder is scipy's, without importing scipy.optimize."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
from scipy.optimize import brentq as scipy_brentq

from yinling.stats.roots import brentq

FUNCTIONS = [
    lambda x: x**3 - 2 * x - 5,
    lambda x: math.cos(x) - x,
    lambda x: math.exp(x) - 3,
    lambda x: (x - 0.3) ** 5,
    lambda x: math.atan(x - 1.234567),
]


@pytest.mark.parametrize("xtol", [1e-14, 2e-12, 1e-6])
def test_it_returns_what_scipy_brentq_returns(xtol: float) -> None:
    rng = np.random.default_rng(1)
    compared = 0
    for f in FUNCTIONS:
        for low, high in np.sort(rng.uniform(-5, 5, (100, 2)), axis=1):
            if f(low) * f(high) >= 0:
                continue
            root, outcome = scipy_brentq(f, low, high, xtol=xtol, full_output=True, disp=False)
            ours = brentq(f, low, high, xtol=xtol)
            assert (ours.root, ours.iterations, ours.converged) == (
                root,
                outcome.iterations,
                outcome.converged,
            )
            compared += 1
    assert compared > 100


def test_it_refuses_an_interval_without_a_sign_change() -> None:
    with pytest.raises(ValueError, match="different signs"):
        brentq(lambda x: x * x + 1, -1.0, 1.0)


def test_fitting_a_random_intercept_model_does_not_import_scipy() -> None:
    code = (
        "import sys\n"
        "from yinling.stats import fit_value_added\n"
        "from yinling.stats.simulate import simulate_scores\n"
        "fit_value_added(simulate_scores(2_000, 40, seed=1).frame, model='ri')\n"
        "print('scipy' in {m.split('.')[0] for m in sys.modules})\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "False"
