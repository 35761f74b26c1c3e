"""Every sortable list column has an index, and sorted pages are read in index order."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrcase.domain.base import SORTABLE_FIELDS
from hrcase.gui.kinds import KINDS
from hrcase.vault import KdfParams, Vault

TIMESTAMPS = {"created_at", "updated_at"}


def test_every_sortable_list_column_is_indexed() -> None:
    for info in KINDS:
        for column in info.columns:
            if column.sort_field and column.sort_field not in TIMESTAMPS:
                assert column.sort_field in SORTABLE_FIELDS.get(info.kind, ()), \
                    (info.kind, column.sort_field)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    path: Path = tmp_path_factory.mktemp("lists") / "v.hrcase"
    opened, _recovery = Vault.create(path, "correct horse battery staple",
                                     KdfParams(memory_kib=8192, iterations=1, lanes=1))
    yield opened
    opened.close()


@pytest.mark.parametrize(("table", "field"), [(t, f) for t, fields in SORTABLE_FIELDS.items()
                                              for f in (*fields, "created_at", "updated_at")])
def test_a_sorted_page_needs_no_sort_of_the_whole_table(vault: Vault, table: str,
                                                        field: str) -> None:
    with vault.engine.connect() as conn:
        for direction in ("ASC", "DESC"):
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
                f'EXPLAIN QUERY PLAN SELECT * FROM "{table}" WHERE deleted = 0 AND '
                f'("{field}", id) > (?, ?) ORDER BY "{field}" {direction}, id {direction} '
                f'LIMIT 80', ("", "")))
            assert "TEMP B-TREE" not in plan, plan
            assert f"ix_{table}_live_" in plan, plan
