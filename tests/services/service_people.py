"""The people in service tests, as the services see them."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.content import Content
from bot.db.models import ReadinessCheck
from bot.services.enrolment import onboarding as enrolment
from bot.services.outgoing import Reply
from bot.services.patients import Visitor

CLINICIAN = Visitor(telegram_user_id=1001, chat_id=1001)
OTHER_CLINICIAN = Visitor(telegram_user_id=1002, chat_id=1002)
PATIENT = Visitor(telegram_user_id=2001, chat_id=2001, language_code="en")
STRANGER = Visitor(telegram_user_id=3001, chat_id=3001, language_code="en")


@dataclass(frozen=True)
class Seeded:
    """The codes the seeded clinic handed out."""

    staff_code: str
    patient_code: str


def answer_readiness(db: Session, clock: ManualClock, content: Content, answers: str) -> Reply:
    """The patient answers the seven readiness questions, "y" or "n" each."""
    check = db.exec(select(ReadinessCheck).order_by(col(ReadinessCheck.id).desc())).first()
    assert check is not None and check.id is not None
    reply = Reply()
    for index, answer in enumerate(answers):
        reply = enrolment.answer_readiness(
            db, clock, content, PATIENT, check.id, index, answer == "y"
        )
    return reply
