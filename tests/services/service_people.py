"""The people in service tests, as the services see them."""

from dataclasses import dataclass

from bot.services.enrolment import Visitor

CLINICIAN = Visitor(telegram_user_id=1001, chat_id=1001)
OTHER_CLINICIAN = Visitor(telegram_user_id=1002, chat_id=1002)
PATIENT = Visitor(telegram_user_id=2001, chat_id=2001, language_code="en")
STRANGER = Visitor(telegram_user_id=3001, chat_id=3001, language_code="en")


@dataclass(frozen=True)
class Seeded:
    """The codes the seeded clinic handed out."""

    staff_code: str
    patient_code: str
