"""The CI subset of the kill campaign: two SIGKILLs per kind of change (create, update, import,
adding a file, passphrase change, backup). The soak run (python -m tests.soak) does 200+, bundle import included."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import OPS, Seed, make_seed, run_campaign

KILLS_PER_OP = 2


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Seed:
    return make_seed(tmp_path_factory.mktemp("seed"))


def test_random_kills_lose_nothing_committed_and_leave_a_working_vault(
        seed: Seed, tmp_path: Path) -> None:
    plan = [op for op in OPS for _ in range(KILLS_PER_OP)]
    campaign = run_campaign(plan, tmp_path, seed, rng_seed=20240601)
    print("\n" + campaign.table())
    assert [f"{r.op}: {r.failure}" for r in campaign.failures] == []
    assert len(campaign.results) == len(OPS) * KILLS_PER_OP
