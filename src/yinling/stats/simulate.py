"""Simulated score data with known school effects, for tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl


@dataclass(frozen=True)
class Simulation:
    frame: pl.DataFrame  # student_id, school_id, prior, score, gender, ses
    school_effects: dict[str, float]  # the true u_j in score units


def simulate_scores(
    n_students: int,
    n_schools: int,
    *,
    seed: int,
    school_sd: float = 4.0,
    residual_sd: float = 10.0,
    slope: float = 0.7,
    min_size: int = 10,
) -> Simulation:
    """y = 20 + slope * prior + 2 * ses - 1.5 * [gender == M] + u_j + e_ij.

    School sizes vary (roughly a gamma distribution, at least ``min_size``) and
    school intakes differ, so the prior is correlated with the school.
    """
    rng = np.random.default_rng(seed)
    sizes = _school_sizes(rng, n_students, n_schools, min_size)
    school = np.repeat(np.arange(n_schools), sizes)
    intake = rng.normal(0.0, 5.0, n_schools)
    effects = rng.normal(0.0, school_sd, n_schools)
    prior = 60.0 + intake[school] + rng.normal(0.0, 12.0, school.size)
    ses = rng.normal(0.0, 1.0, school.size) + intake[school] / 10.0
    male = rng.random(school.size) < 0.5
    score = (
        20.0
        + slope * prior
        + 2.0 * ses
        - 1.5 * male
        + effects[school]
        + rng.normal(0.0, residual_sd, school.size)
    )
    ids = np.array([f"S{j:05d}" for j in range(n_schools)])
    frame = pl.DataFrame(
        {
            "student_id": [f"P{i:08d}" for i in range(school.size)],
            "school_id": ids[school],
            "prior": np.round(prior, 1),
            "score": np.round(score, 1),
            "gender": np.where(male, "M", "F"),
            "ses": np.round(ses, 3),
        }
    )
    return Simulation(frame, dict(zip(ids.tolist(), effects.tolist(), strict=True)))


def _school_sizes(rng: np.random.Generator, total: int, schools: int, minimum: int) -> np.ndarray:
    if total < schools * minimum:
        raise ValueError("too few students for the minimum school size")
    weights = rng.gamma(4.0, 1.0, schools)
    spare = total - schools * minimum
    sizes = minimum + np.floor(spare * weights / weights.sum()).astype(np.int64)
    sizes[: total - sizes.sum()] += 1
    return sizes
