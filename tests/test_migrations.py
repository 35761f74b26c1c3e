"""Schema migrations: the head matches the models, every step runs up and down, old vaults
migrate after an encrypted backup."""

from __future__ import annotations

import os
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from hrcase.services import Services
from hrcase.vault import Vault
from hrcase.vault import migrate
from hrcase.vault.engine import make_engine
from hrcase.vault.layout import BACKUPS_DIR

from .conftest import PASSPHRASE
from .helpers import add_person


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(migrate._config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_head_schema_matches_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "s.db", bytearray(os.urandom(32)))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": migrate.include_name}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_every_migration_runs_up_and_down(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "s.db", bytearray(os.urandom(32)))
    revisions = _revisions()
    for rev in revisions:
        migrate.upgrade(engine, rev)
        assert migrate.current_revision(engine) == rev
    for previous in reversed([None, *revisions[:-1]]):
        migrate.downgrade(engine, previous or "base")
        assert migrate.current_revision(engine) == previous
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_opening_an_older_vault_backs_up_then_migrates(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    add_person(Services(vault, "t"), "Older Person")
    migrate.downgrade(vault.engine, _revisions()[-2])
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert migrate.current_revision(again.engine) == migrate.head_revision()
        assert Services(again).records.count("person") == 1
    backups = list((vault_path / BACKUPS_DIR).iterdir())
    assert len(backups) == 1
    with Vault.open(backups[0], PASSPHRASE) as old:
        assert Services(old).records.count("person") == 1


def test_vault_from_a_newer_version_is_refused(vault_path: Path) -> None:
    import pytest

    from hrcase.vault import VaultDamaged

    vault, _ = Vault.create(vault_path, PASSPHRASE)
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    vault.close()
    with pytest.raises(VaultDamaged) as err:
        Vault.open(vault_path, PASSPHRASE)
    assert "newer version" in str(err.value)


def test_attachment_content_moves_out_of_the_store_and_back(vault_path: Path) -> None:
    import io

    from hrcase.vault.blobs import CHUNK_SIZE

    data = os.urandom(2 * CHUNK_SIZE + 99)
    vault, _ = Vault.create(vault_path, PASSPHRASE)
    services = Services(vault, "t")
    big = services.attachments.add(io.BytesIO(data), filename="video.mp4")
    empty = services.attachments.add(io.BytesIO(b""), filename="empty.txt")
    assert len(list(vault.content_dir.iterdir())) == 2
    migrate.downgrade(vault.engine, "0006", content_dir=vault.content_dir)
    assert list(vault.content_dir.iterdir()) == []  # read back into the chunk table
    with vault.engine.connect() as conn:
        chunks = conn.exec_driver_sql("SELECT attachment_id, count(*) FROM attachment_chunk "
                                      "GROUP BY attachment_id").all()
    assert dict(chunks) == {big.id: 3, empty.id: 1}
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert migrate.current_revision(again.engine) == migrate.head_revision()
        assert len(list(again.content_dir.iterdir())) == 2
        again_services = Services(again)
        assert again_services.attachments.read(big.id) == data
        assert again_services.attachments.read(empty.id) == b""
        from hrcase.services.check import check_vault
        assert check_vault(again).ok
