"""The engine never imports Django, pandas or statsmodels."""

from __future__ import annotations

import subprocess
import sys


def test_importing_and_running_the_engine_loads_no_django_pandas_or_statsmodels() -> None:
    code = (
        "import sys\n"
        "from yinling.stats import fit_value_added\n"
        "from yinling.stats.cli import main\n"
        "from yinling.stats.simulate import simulate_scores\n"
        "fit_value_added(simulate_scores(500, 10, seed=1).frame, model='cva', covariates=['ses'])\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'django', 'pandas', 'statsmodels'})\n"
        "print(','.join(bad))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == ""
