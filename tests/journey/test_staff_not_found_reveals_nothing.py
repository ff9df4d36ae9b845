"""A staff command naming a patient of another clinic answers exactly as for a number that
does not exist, through the real bot on the emulator, in English and French; the role and the
assignment are still checked inside the clinic."""

from __future__ import annotations

import pytest
from journey_steps import enrol_patient, link_clinician

from bot.db.engine import session_factory
from bot.db.models import StaffRole
from bot.demo import CLINICIAN_USER_ID
from bot.services import clinics

WEST_ADMIN, WEST_NURSE = 1500, 1501


def _west(live, role: StaffRole, handle: str) -> str:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        issued = clinics.invite_staff(
            db, live.clock, clinic_slug="west", role=role, handle=handle, valid_days=3
        )
    return issued.code


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_another_clinics_patient_is_not_found_like_one_that_does_not_exist(
    live, lang: str
) -> None:  # type: ignore[no-untyped-def]
    with session_factory(live.engine)() as db:
        clinics.create_clinic(db, live.clock, slug="west", name="West", timezone="America/Toronto")
    live.world.add_user(WEST_ADMIN, "Desk", lang)
    live.world.add_user(WEST_NURSE, "Nurse", lang)
    await live.talk.send(WEST_ADMIN, f"/start {_west(live, StaffRole.ADMIN, 'desk')}", "admin")
    await live.talk.send(
        WEST_NURSE, f"/start {_west(live, StaffRole.CLINICIAN, 'dr-west')}", "nurse"
    )
    await link_clinician(live)
    await enrol_patient(live)  # P-1, of the demo clinic

    for who in (WEST_ADMIN, WEST_NURSE):
        (theirs,) = await live.talk.send(who, "/plan P-1", "west")
        (nobody,) = await live.talk.send(who, "/plan P-999", "west")
        assert (theirs.text or "").replace("P-1", "P-N") == (nobody.text or "").replace(
            "P-999", "P-N"
        )
        assert "P-1" in (theirs.text or "")
    (assign_theirs,) = await live.talk.send(WEST_ADMIN, "/assign P-1 dr-west", "west admin")
    (assign_nobody,) = await live.talk.send(WEST_ADMIN, "/assign P-999 dr-west", "west admin")
    (plan_theirs,) = await live.talk.send(WEST_ADMIN, "/plan P-1", "west admin")
    # /plan and /assign say "not found" in the same words
    assert (assign_theirs.text or "").replace("P-1", "P-N") == (assign_nobody.text or "").replace(
        "P-999", "P-N"
    )
    assert (plan_theirs.text or "") in (assign_theirs.text or "")


async def test_inside_the_clinic_the_assignment_is_still_checked(live) -> None:  # type: ignore[no-untyped-def]
    await link_clinician(live)
    await enrol_patient(live)
    (mine,) = await live.talk.send(CLINICIAN_USER_ID, "/plan P-1", "clinician")
    assert "P-1" in (mine.text or "") and "No patient" not in (mine.text or "")
