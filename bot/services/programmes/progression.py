"""The pain-monitoring model applied to each patient's programme (clinical-rules section 3).

After a session's answers, and again after the next-morning answer, each exercise the patient
did gets a decision from ``bot.rules.pain_model.decide``: progress, hold or step down one
level. The programme's ``level_changes`` says whether a change is applied at once (the
patient is told in plain words) or proposed to the clinician, who approves it with one button.
Each decision is a ``LevelDecision`` row, one per session and exercise, committed before any
message about it is sent. Two step-downs in a row raise a ROUTINE notice (``pain_alerts``).
"""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from bot import callbacks
from bot.clock import Clock
from bot.content import Content
from bot.db.audit_actions import AuditAction
from bot.db.models import (
    ExerciseLog,
    ExerciseOutcome,
    ExerciseSession,
    LevelDecision,
    LevelDecisionState,
    MorningCheck,
    Patient,
    PatientExercise,
    WeeklyCheckin,
)
from bot.rules.pain_model import (
    Action,
    Decision,
    Difficulty,
    ExerciseHistory,
    PainThresholds,
    SessionReport,
    StepMode,
    decide,
)
from bot.services import audit
from bot.services.alerts import pain_alerts
from bot.services.outgoing import Button, Message, Reply
from bot.services.patients import (
    Visitor,
    clinician_to_tell,
    language_of,
    may_handle,
    staff_by_telegram,
)
from bot.services.programmes.changes import DOSAGE_FIELDS

DONE_OUTCOMES = (ExerciseOutcome.DONE, ExerciseOutcome.MODIFIED)
# The next-morning answer: "yes" settled, "no" did not; "a bit" neither counts as a good
# session nor steps down, so the exercise holds.
SETTLED = {"yes": True, "no": False}


def after_session(
    db: Session, clock: Clock, content: Content, patient: Patient, session: ExerciseSession
) -> list[Message]:
    """Decide each exercise done in the session, once its answers are in."""
    return _decide_all(db, clock, content, patient, session, morning=False)


def after_morning(
    db: Session, clock: Clock, content: Content, patient: Patient, check: MorningCheck
) -> list[Message]:
    """Decide again with the next-morning answer, where the session's decision was to hold."""
    session = db.get(ExerciseSession, check.session_id)
    if session is None or session.pain is None or session.difficulty is None:
        return []
    return _decide_all(db, clock, content, patient, session, morning=True)


def approve(db: Session, clock: Clock, content: Content, who: Visitor, decision_id: int) -> Reply:
    """The clinician's one-button approval of a proposed level change."""
    staff = staff_by_telegram(db, who.telegram_user_id)
    decision = db.get(LevelDecision, decision_id)
    patient = db.get(Patient, decision.patient_id) if decision else None
    if staff is None or decision is None or patient is None or not may_handle(staff, patient):
        audit.denied(db, clock, AuditAction.LEVEL_APPROVE, who.telegram_user_id)
        lang = staff.language if staff else language_of(db, content, who)
        return Reply(toast=content.render(lang, "level_not_yours"))
    if decision.state != LevelDecisionState.PROPOSED:
        return Reply(toast=content.render(staff.language, "already_answered"), clear_buttons=True)
    item = _programme_item(db, patient, decision.exercise_id)
    if item is None or item.level != decision.from_level:  # the programme changed meanwhile
        decision.state = LevelDecisionState.SUPERSEDED
        db.add(decision)
        db.flush()
        return Reply(toast=content.render(staff.language, "stale_button"), clear_buttons=True)
    _set_level(item, decision.to_level)
    decision.state, decision.applied_at = LevelDecisionState.APPLIED, clock.now()
    decision.approved_by_id = staff.id
    db.add_all([item, decision])
    audit.record(db, clock, AuditAction.LEVEL_APPROVE, staff_id=staff.id, patient_id=patient.id)
    db.flush()
    reply = Reply(toast=content.render(staff.language, "level_approved"), clear_buttons=True)
    reply.messages.append(_tell_patient(content, patient, decision))
    return reply


def undo_session(db: Session, clock: Clock, patient: Patient, session: ExerciseSession) -> None:
    """The patient corrects this session's answers: its changes not yet approved are undone.

    A change the clinician approved stands; the new answers are decided afresh.
    """
    rows = db.exec(select(LevelDecision).where(LevelDecision.session_id == session.id)).all()
    for row in rows:
        if row.state == LevelDecisionState.APPLIED and row.approved_by_id is None:
            item = _programme_item(db, patient, row.exercise_id)
            if item is not None and item.level == row.to_level:
                _set_level(item, row.from_level)
                db.add(item)
        if row.approved_by_id is None:
            row.state = LevelDecisionState.SUPERSEDED
            db.add(row)
    db.flush()


def _decide_all(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    session: ExerciseSession,
    *,
    morning: bool,
) -> list[Message]:
    limits = pain_alerts.limits_for(db, content, patient)
    programme = content.programmes.get(patient.programme_id)
    mode = StepMode(programme.level_changes) if programme else StepMode.AUTOMATIC
    messages: list[Message] = []
    step_downs: list[list[Action]] = []
    for log in _done_logs(db, session):
        item = _programme_item(db, patient, log.exercise_id)
        if item is None or item.level != log.level or log.exercise_id not in content.exercises:
            continue  # the clinician changed this exercise since: their plan stands
        row = db.exec(
            select(LevelDecision).where(
                LevelDecision.session_id == session.id,
                LevelDecision.exercise_id == log.exercise_id,
            )
        ).first()
        if morning and row is not None and row.state != LevelDecisionState.KEPT:
            continue  # this session already changed the level: one step per session at most
        history = _history(db, content, patient, item, session, mode)
        decision = decide(history, limits)
        messages += _record(db, clock, content, patient, session, item, row, decision)
        if decision.action is Action.STEP_DOWN:
            step_downs.append(_recent_actions(db, patient, log.exercise_id, limits))
    # "Too hard" holds the level (or a step down wins) and always reaches the clinician, once.
    if not morning and session.difficulty == Difficulty.HARD:
        messages += _tell_clinician(db, content, patient, "clinician_patient_too_hard")
    for actions in step_downs:
        messages += pain_alerts.routine_notices(
            db, clock, content, patient, actions=actions, today=session.local_date
        )
    return messages


def _record(
    db: Session,
    clock: Clock,
    content: Content,
    patient: Patient,
    session: ExerciseSession,
    item: PatientExercise,
    row: LevelDecision | None,
    decision: Decision,
) -> list[Message]:
    """Store the decision, then apply it, propose it, or keep the level."""
    assert patient.id is not None and session.id is not None
    if row is None:
        row = LevelDecision(
            patient_id=patient.id,
            session_id=session.id,
            exercise_id=item.exercise_id,
            action=decision.action,
            from_level=decision.from_level,
            to_level=decision.to_level,
            reasons="",
            state=LevelDecisionState.KEPT,
            decided_at=clock.now(),
        )
    row.action, row.from_level, row.to_level = (
        decision.action,
        decision.from_level,
        decision.to_level,
    )
    row.reasons = ",".join(decision.reasons)
    row.decided_at, row.approved_by_id, row.applied_at = clock.now(), None, None
    if not decision.changes_level:
        row.state = LevelDecisionState.KEPT
        db.add(row)
        db.flush()
        return []
    if decision.needs_approval:
        _supersede_proposals(db, patient, item.exercise_id)
        row.state = LevelDecisionState.PROPOSED
        db.add(row)
        db.flush()
        return _propose(db, content, patient, session, row)
    _set_level(item, decision.to_level)
    row.state, row.applied_at = LevelDecisionState.APPLIED, clock.now()
    db.add_all([item, row])
    db.flush()
    return [_tell_patient(content, patient, row)]


def _history(
    db: Session,
    content: Content,
    patient: Patient,
    item: PatientExercise,
    upto: ExerciseSession,
    mode: StepMode,
) -> ExerciseHistory:
    """The exercise's sessions at its level since its last change, up to ``upto``."""
    changed = db.exec(
        select(LevelDecision.session_id).where(
            LevelDecision.patient_id == patient.id,
            LevelDecision.exercise_id == item.exercise_id,
            LevelDecision.state == LevelDecisionState.APPLIED,
            LevelDecision.session_id != upto.id,
        )
    ).all()
    since = max(changed, default=0)
    found = db.exec(
        select(ExerciseLog, ExerciseSession)
        .join(ExerciseSession, col(ExerciseLog.session_id) == col(ExerciseSession.id))
        .where(
            ExerciseLog.patient_id == patient.id,
            ExerciseLog.exercise_id == item.exercise_id,
            ExerciseLog.level == item.level,
            col(ExerciseLog.outcome).in_(DONE_OUTCOMES),
            col(ExerciseSession.pain).is_not(None),
            col(ExerciseSession.id) > since,
            col(ExerciseSession.local_date) <= upto.local_date,
        )
        .order_by(col(ExerciseSession.local_date))
    ).all()
    reports = [_report(db, log, session) for log, session in found]
    top = len(content.exercises[item.exercise_id].levels)
    return ExerciseHistory(
        level=max(1, min(item.level, top)),
        top_level=top,
        sessions=reports,
        weekly_morning_pain=_weekly_pain(db, patient, item, upto),
        step_mode=mode,
    )


def _weekly_pain(
    db: Session, patient: Patient, item: PatientExercise, upto: ExerciseSession
) -> list[float]:
    """The weekly check-ins' pain, oldest first, for the "rising week to week" rule.

    A rise counts once: readings are only given when the latest check-in came after this
    exercise's last level change, so one rising week steps an exercise down one level, not
    once per session until the next check-in.
    """
    checkins = db.exec(
        select(WeeklyCheckin)
        .where(
            WeeklyCheckin.patient_id == patient.id,
            col(WeeklyCheckin.pain).is_not(None),
            col(WeeklyCheckin.local_date) <= upto.local_date,
        )
        .order_by(col(WeeklyCheckin.local_date))
    ).all()
    if len(checkins) < 2:
        return []
    last_change = db.exec(
        select(func.max(LevelDecision.applied_at)).where(
            LevelDecision.patient_id == patient.id,
            LevelDecision.exercise_id == item.exercise_id,
            LevelDecision.state == LevelDecisionState.APPLIED,
        )
    ).one()
    if last_change is not None and checkins[-1].asked_at <= last_change:
        return []
    return [float(c.pain) for c in checkins[-2:] if c.pain is not None]


def _report(db: Session, log: ExerciseLog, session: ExerciseSession) -> SessionReport:
    check = db.exec(select(MorningCheck).where(MorningCheck.session_id == session.id)).first()
    assert session.pain is not None
    return SessionReport(
        pain=session.pain,
        difficulty=Difficulty(session.difficulty) if session.difficulty else None,
        all_sets_done=log.outcome == ExerciseOutcome.DONE,
        settled_next_morning=SETTLED.get(check.settled or "") if check else None,
    )


def _recent_actions(
    db: Session, patient: Patient, exercise_id: str, limits: PainThresholds
) -> list[Action]:
    """The exercise's latest decisions, one per session, oldest first."""
    rows = db.exec(
        select(LevelDecision)
        .join(ExerciseSession, col(LevelDecision.session_id) == col(ExerciseSession.id))
        .where(LevelDecision.patient_id == patient.id, LevelDecision.exercise_id == exercise_id)
        .order_by(col(ExerciseSession.local_date).desc())
        .limit(limits.step_downs_for_routine)
    ).all()
    return [Action(row.action) for row in reversed(rows)]


def _done_logs(db: Session, session: ExerciseSession) -> list[ExerciseLog]:
    return list(
        db.exec(
            select(ExerciseLog)
            .where(
                ExerciseLog.session_id == session.id, col(ExerciseLog.outcome).in_(DONE_OUTCOMES)
            )
            .order_by(col(ExerciseLog.position))
        ).all()
    )


def _programme_item(db: Session, patient: Patient, exercise_id: str) -> PatientExercise | None:
    return db.exec(
        select(PatientExercise).where(
            PatientExercise.patient_id == patient.id, PatientExercise.exercise_id == exercise_id
        )
    ).first()


def _set_level(item: PatientExercise, level: int) -> None:
    """A new level brings its own dosage, so the clinician's dosage changes are cleared."""
    item.level = level
    for name in DOSAGE_FIELDS:
        setattr(item, name, None)


def _supersede_proposals(db: Session, patient: Patient, exercise_id: str) -> None:
    for old in db.exec(
        select(LevelDecision).where(
            LevelDecision.patient_id == patient.id,
            LevelDecision.exercise_id == exercise_id,
            LevelDecision.state == LevelDecisionState.PROPOSED,
        )
    ):
        old.state = LevelDecisionState.SUPERSEDED
        db.add(old)


def _tell_patient(content: Content, patient: Patient, row: LevelDecision) -> Message:
    """ "Nice work. Next time, sit to stand goes up a level." in the patient's language."""
    lang = patient.language
    name = content.exercises[row.exercise_id].name[lang]
    key = "level_up" if row.to_level > row.from_level else "level_down"
    return Message(patient.chat_id, content.render(lang, key, name=name, level=row.to_level))


def _propose(
    db: Session, content: Content, patient: Patient, session: ExerciseSession, row: LevelDecision
) -> list[Message]:
    staff = clinician_to_tell(db, patient)
    if staff is None or staff.telegram_user_id is None:
        return []
    lang = staff.language
    text = content.render(
        lang,
        "level_proposal",
        patient_id=patient.id,
        exercise=content.exercises[row.exercise_id].name[lang],
        from_level=row.from_level,
        to_level=row.to_level,
        up=row.to_level > row.from_level,
        pain=session.pain,
    )
    button = Button(
        content.label(lang, "approve_level"), callbacks.data(callbacks.APPROVE_LEVEL, row.id)
    )
    return [Message(staff.telegram_user_id, text, ((button,),))]


def _tell_clinician(db: Session, content: Content, patient: Patient, key: str) -> list[Message]:
    staff = clinician_to_tell(db, patient)
    if staff is None or staff.telegram_user_id is None:
        return []
    return [
        Message(staff.telegram_user_id, content.render(staff.language, key, patient_id=patient.id))
    ]
