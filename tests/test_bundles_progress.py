"""Bundle export and import report progress and can be stopped, leaving nothing behind.

Every person, case and key here is invented test data.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from hrcase.services import Services, bundles
from hrcase.services import identities as ids

from .helpers import add_case, add_person
from .test_bundles import introduce, make_peer, name_of, peers, state  # noqa: F401 (fixture)

PHOTO_SIZE = 3 * 1024 * 1024 + 777


class Stop(Exception):
    """What the test's progress callback raises to cancel."""


def small_case(s: Services) -> str:
    """A case with a victim and a photo of a few MiB (several 1 MiB chunks)."""
    case = add_case(s, "Invented detention")
    victim = add_person(s, "Invented Victim", birth="1980")
    s.records.create("case_role", {"case_id": case.id, "person_id": victim.id, "role": "victim"})
    s.attachments.add(io.BytesIO(os.urandom(PHOTO_SIZE)), filename="photo.jpg",
                      owner_kind="case", owner_id=case.id)
    return case.id


def recorder(calls: list[tuple[int, int]], stop_after: int | None = None
             ) -> bundles.ProgressFn:
    """A progress callback that records its calls and stops once ``stop_after`` bytes are done."""
    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if stop_after is not None and done >= stop_after:
            raise Stop()
    return progress


def assert_monotonic_to_total(calls: list[tuple[int, int]]) -> int:
    known = [(done, total) for done, total in calls if total]
    assert known, calls
    total = known[-1][1]
    assert all(t == total for _d, t in known)
    dones = [d for d, _t in known]
    assert dones == sorted(dones) and dones[-1] == total
    return total


def test_export_progress_goes_up_to_the_content_size(peers: tuple[Services, Services],
                                                     tmp_path: Path) -> None:
    a, b = peers
    case_id = small_case(a)
    calls: list[tuple[int, int]] = []
    out = tmp_path / "x.age"
    result = bundles.export_bundle(a, [case_id], [name_of(b)], out, progress=recorder(calls))
    total = assert_monotonic_to_total(calls)
    assert total > result.attachment_bytes == PHOTO_SIZE  # the records part, then the photo
    assert len([c for c in calls if c[1]]) >= 4  # one report per chunk at least


def test_cancelled_export_leaves_no_file_and_no_trace(peers: tuple[Services, Services],
                                                      tmp_path: Path) -> None:
    a, b = peers
    case_id = small_case(a)
    before = state(a)
    out = tmp_path / "x.age"
    calls: list[tuple[int, int]] = []
    with pytest.raises(Stop):
        bundles.export_bundle(a, [case_id], [name_of(b)], out,
                              progress=recorder(calls, stop_after=2 * 1024 * 1024))
    assert 0 < calls[-1][0] < calls[-1][1]  # stopped in the middle of the photo
    assert not out.exists() and not out.with_name(out.name + ".partial").exists()
    assert list(tmp_path.glob("x.age*")) == []
    assert state(a) == before  # no audit entry, no "exported" marks
    assert all(c.last_bundle_at is None for c in ids.list_contacts(a))
    # Stopped before anything is written, too.
    with pytest.raises(Stop):
        bundles.export_bundle(a, [case_id], [name_of(b)], out, progress=recorder([], 0))
    assert list(tmp_path.glob("x.age*")) == [] and state(a) == before


def test_import_progress_and_cancel_change_nothing(peers: tuple[Services, Services],
                                                   tmp_path: Path) -> None:
    a, b = peers
    case_id = small_case(a)
    out = tmp_path / "x.age"
    bundles.export_bundle(a, [case_id], [name_of(b)], out)
    before = state(b)
    records_size = 0
    for dry_run in (True, False):
        calls: list[tuple[int, int]] = []
        if not dry_run:
            # Stopped while applying the records, then while storing the photo.
            for stop_after in (records_size + 1, records_size * 2 + 1024 * 1024):
                with pytest.raises(Stop):
                    bundles.import_bundle(b, out, progress=recorder([], stop_after))
                assert state(b) == before
        preview = bundles.import_bundle(b, out, dry_run=dry_run, progress=recorder(calls))
        total = assert_monotonic_to_total(calls)
        records_size = (total - PHOTO_SIZE) // 2  # counted twice: decrypted, then applied
        assert total == 2 * records_size + PHOTO_SIZE
        assert preview.applied is not dry_run
    assert [c.id for c in b.records.list("case")] == [case_id]


def test_refused_signer_is_named(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    stranger = make_peer(tmp_path, "c", "Chingiz Neznakomov")
    try:
        introduce(stranger, b)
        out = tmp_path / "x.age"
        bundles.export_bundle(stranger, [small_case(stranger)], [name_of(b)], out)
        calls: list[tuple[int, int]] = []
        with pytest.raises(bundles.UnknownSignerError) as refused:
            bundles.import_bundle(b, out, dry_run=True, progress=recorder(calls))
        assert refused.value.signer is not None
        assert refused.value.signer.name == "Chingiz Neznakomov" and not refused.value.signer.known
        assert refused.value.created_at
        assert all(total == 0 for _done, total in calls)  # no part was decrypted
    finally:
        stranger.vault.close()



def test_an_import_refuses_a_bundle_other_than_the_one_previewed(
        peers: tuple[Services, Services], tmp_path: Path) -> None:
    """The wizard previews one file; if another lies there when it imports, nothing is imported."""
    a, b = peers
    case_id = small_case(a)
    first, second = tmp_path / "first.age", tmp_path / "second.age"
    bundles.export_bundle(a, [case_id], [name_of(b)], first)
    add_person(a, "Invented Newcomer")
    bundles.export_bundle(a, [case_id], [name_of(b)], second)
    shown = bundles.import_bundle(b, first, dry_run=True)
    before = state(b)
    second.replace(first)  # the file is swapped between the preview and the import
    with pytest.raises(bundles.PreviewChanged):
        bundles.import_bundle(b, first, confirm=bundles.matches_preview(shown))
    assert state(b) == before
