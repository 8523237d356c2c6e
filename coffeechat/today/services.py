"""The Today list (SPEC T1-T3) and its daily digest, fed by the domain rules."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import chain, groupby
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from coffeechat.accounts.models import Profile
from coffeechat.accounts.public_holidays import UnknownRegion, public_holidays
from coffeechat.accounts.services import profile_for
from coffeechat.conversations.models import Conversation, Event, event_fact
from coffeechat.conversations.services import (
    cadence,
    conversation_facts,
    conversations_for,
    last_contacts,
    open_conversations,
    referral_facts,
)
from coffeechat.domain.today import (
    Bucket,
    ConversationFacts,
    Mark,
    MarkAction,
    Task,
    next_due,
    today_list,
)
from coffeechat.errors import Invalid, NotFound

from . import cache
from .cache import MOST_PRESSING
from .models import Digest, DigestStatus, TaskMark

MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=10)  # a claim older than this died with its process


def holidays_for(user, day: date) -> frozenset:
    """Public holidays of the user's country or region around `day` (none when no country
    is set). An unknown code is an error that says where it came from, never a silent
    fall-back to weekends only."""
    chosen = profile_for(user).country
    try:
        return public_holidays(chosen or settings.DEFAULT_COUNTRY, day.year - 1, day.year + 1)
    except UnknownRegion as error:
        where = "Settings, Country" if chosen else "COFFEECHAT_COUNTRY"
        raise Invalid(f"{where}: {error}", field="country") from None


def marks_for(user) -> list[Mark]:
    return [
        Mark(m.task_key, MarkAction(m.action), m.on, m.until)
        for m in TaskMark.objects.filter(owner=user)
    ]


def due_key(user, day: date) -> str:
    """Names the settings the due dates were computed under; a change makes them stale."""
    country = profile_for(user).country or settings.DEFAULT_COUNTRY
    return cache.due_key(settings.CADENCE, country, day.year)


def refresh_due_dates(user, day: date) -> int:
    """Recompute the due-date cache of every conversation marked stale (new events,
    closed explorations, imports, changed settings); usually none or a few."""
    key = due_key(user, day)
    # Two range scans of the (owner, due_key) index, in two queries: SQLite plans their OR
    # as a scan of every conversation of the owner (23 ms at 30,000 with none stale).
    # Plain lists: .iterator() was listed at once anyway, and on PostgreSQL it costs a
    # server-side cursor (DECLARE, FETCH, CLOSE) on every Today page.
    changed = list(
        chain(
            *(
                conversations_for(user).filter(part)
                for part in (Q(due_key__lt=key), Q(due_key__gt=key))
            )
        )
    )
    if not changed:  # the usual case: no rules or holidays to read
        return 0
    rules, off = cadence(), holidays_for(user, day)
    contacts = {}
    for start in range(0, len(changed), 2000):
        contacts.update(last_contacts({c.person_id for c in changed[start : start + 2000]}))
    for conversation in changed:
        facts = conversation_facts(conversation, contacts.get(conversation.person_id))
        conversation.next_due = next_due(facts, rules, off)
        conversation.due_key = key
    Conversation.objects.bulk_update(changed, ["next_due", "due_key"], batch_size=1000)
    return len(changed)


FACT_FIELDS = (
    "id",
    "person_id",
    "person__name",
    "person__priority",
    "person__keep_in_touch_weeks",
    "exploration__closed_on",
)
EVENT_FIELDS = ("conversation_id", "kind", "on", "outcome", "meeting_on", "callback_on")


def pressing_facts(user, day: date) -> list[ConversationFacts]:
    """The most pressing conversations (something due by the end of the horizon, earliest
    first) as the rules' plain facts, read as rows: building a model object for each of
    their ~1,000 events was most of the page's time."""
    last_day = day + timedelta(days=cadence().horizon)
    rows = list(
        open_conversations(user)
        .filter(next_due__lte=last_day)
        .select_related(None)
        .prefetch_related(None)
        .order_by("next_due", "id")
        .values_list(*FACT_FIELDS)[:MOST_PRESSING]
    )
    events = defaultdict(list)
    for conversation_id, *values in (
        Event.objects.filter(conversation_id__in=[r[0] for r in rows])
        .order_by("on", "id")
        .values_list(*EVENT_FIELDS)
    ):
        events[conversation_id].append(event_fact(*values))
    contacts = last_contacts({row[1] for row in rows})
    return [
        ConversationFacts(
            conversation_id=pk,
            person_name=name,
            person_priority=priority,
            events=events[pk],
            keep_in_touch_weeks=weeks,
            exploration_closed_on=closed_on,
            last_contact_on=contacts.get(person_id),
        )
        for pk, person_id, name, priority, weeks, closed_on in rows
    ]


def tasks_on(user, day) -> list[Task]:
    refresh_due_dates(user, day)
    return today_list(
        pressing_facts(user, day),
        day,
        cadence(),
        holidays_for(user, day),
        referral_facts(user, MOST_PRESSING),
        marks_for(user),
    )


def waiting_behind(user, day) -> int:
    """About how many conversations with something due the list did not read."""
    last_day = day + timedelta(days=cadence().horizon)
    due = Conversation.objects.filter(owner=user, next_due__lte=last_day).count()
    return max(0, due - MOST_PRESSING)


def grouped_tasks_on(user, day) -> list[tuple[Bucket, list[Task]]]:
    """[(bucket, [tasks])] in display order, only buckets that have tasks."""
    tasks = tasks_on(user, day)
    return [(bucket, list(items)) for bucket, items in groupby(tasks, key=lambda t: t.bucket(day))]


def mark_task(user, task_key: str, action: str, on: date, until: date | None = None) -> TaskMark:
    """Clear a task in place: done, dismissed, or snoozed until a later day."""
    if action not in MarkAction.__members__.values():
        raise Invalid("Choose done, dismiss or snooze.", field="action")
    if len(task_key) > 100 or task_key.count(":") != 2:
        raise Invalid("That is not a task of yours.", field="task")
    if action == MarkAction.SNOOZED and (until is None or until <= on):
        raise Invalid("Snooze until a later day.", field="until")
    return TaskMark.objects.create(owner=user, task_key=task_key, action=action, on=on, until=until)


def unmark_task(user, pk) -> TaskMark:
    """Undo a done, dismissed or snoozed mark: the task is back as it was (SPEC U1)."""
    mark = TaskMark.objects.filter(owner=user, pk=pk).first() if str(pk).isdigit() else None
    if mark is None:
        raise NotFound("No such mark on a task (it may have been undone already).")
    mark.delete()
    return mark


SNOOZE_DAYS = range(1, 366)


def snooze_task(user, task_key: str, action: str, on: date, days: str = "1") -> TaskMark:
    """The page's mark: done, dismissed, or snoozed for 1 to 365 days from `on`."""
    if not days.isdigit() or int(days) not in SNOOZE_DAYS:
        raise Invalid("Snooze for 1 to 365 days.", field="days")
    until = on + timedelta(days=int(days)) if action == MarkAction.SNOOZED else None
    return mark_task(user, task_key, action, on, until)


# ---- the daily digest, without cron (SPEC T2) -------------------------------------


def latest_digest_problem(user) -> Digest | None:
    """The newest digest that failed, so the failure is never silent."""
    newest = Digest.objects.filter(owner=user).first()
    failed = (DigestStatus.FAILED, DigestStatus.GAVE_UP)
    return newest if newest and newest.status in failed else None


def create_due_digests(now: datetime) -> None:
    """One digest row per opted-in user and local day, once their hour has come."""
    for profile in Profile.objects.filter(digest_enabled=True).select_related("user"):
        local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
        if local.hour < profile.digest_hour:
            continue
        try:
            with transaction.atomic():
                Digest.objects.get_or_create(owner=profile.user, day=local.date())
        except IntegrityError:
            pass  # another process made it a moment ago


def digests_due(now: datetime) -> bool:
    """Whether a run would have anything to do: someone's digest hour has come and has no
    digest today yet, or a digest waits to be sent (again). Only reads."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    waiting = Profile.objects.filter(digest_enabled=True, digest_hour__lte=local.hour).exclude(
        user__digests__day=local.date()
    )
    return waiting.exists() or claimable(now).exists()


def claimable(now: datetime) -> QuerySet[Digest]:
    ready = Q(status__in=[DigestStatus.PENDING, DigestStatus.FAILED]) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=DigestStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    return Digest.objects.filter(ready | abandoned)


def claim(digest: Digest, worker: str, now: datetime) -> bool:
    """Take the digest for this process: one conditional UPDATE, so only one wins."""
    won = (
        claimable(now)
        .filter(pk=digest.pk, attempts=digest.attempts)
        .update(
            status=DigestStatus.SENDING,
            claimed_by=worker,
            claimed_at=now,
            attempts=digest.attempts + 1,
        )
    )
    return won == 1


def run_digests_once(worker: str, now: datetime) -> int:
    """Create, claim and send what is due; return how many this process sent."""
    create_due_digests(now)
    sent = 0
    for digest in list(claimable(now).select_related("owner")):
        if claim(digest, worker, now):
            sent += _deliver(digest, now)
    return sent


def _deliver(digest: Digest, now: datetime) -> int:
    try:
        digest_message(digest).send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
        _failed(digest, now, error)
        return 0
    Digest.objects.filter(pk=digest.pk).update(status=DigestStatus.SENT, sent_at=now, last_error="")
    return 1


def mail_is_set_up() -> bool:
    """A mail server is configured (or mail goes somewhere else than SMTP, as in tests)."""
    smtp = settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    return not smtp or bool(settings.EMAIL_HOST)


def failure_in_words(error: Exception) -> str:
    """What went wrong, for the person: never the exception's own text (it is logged)."""
    import smtplib

    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "the mail server refused the user name or password (check COFFEECHAT_EMAIL_USER)"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the mail server refused the address it was sent to"
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | OSError):
        return (
            "the mail server could not be reached (check COFFEECHAT_EMAIL_HOST and "
            "COFFEECHAT_EMAIL_PORT)"
        )
    if isinstance(error, ValueError):
        return "there is no email address for it (set one in Settings)"
    return "the mail server did not take it"


def _failed(digest: Digest, now: datetime, error: Exception) -> None:
    import logging

    logging.getLogger("coffeechat.digest").warning("digest %s not sent: %r", digest.pk, error)
    attempts = digest.attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS
    Digest.objects.filter(pk=digest.pk).update(
        status=DigestStatus.GAVE_UP if gave_up else DigestStatus.FAILED,
        last_error=failure_in_words(error)[:2000],
        next_attempt_at=None if gave_up else now + timedelta(minutes=2**attempts),
    )


def digest_message(digest: Digest) -> EmailMessage:
    profile = profile_for(digest.owner)
    address = profile.digest_email or digest.owner.email
    if not address:
        raise ValueError("no email address for the digest (set one in Settings)")
    tasks = tasks_on(digest.owner, digest.day)
    return EmailMessage(
        subject=f"coffeechat: {len(tasks)} things for {digest.day:%A %d %B}",
        body=digest_text(tasks, digest.day),
        to=[address],
    )


def digest_text(tasks, day: date) -> str:
    base = settings.BASE_URL.rstrip("/")
    lines = [f"What to do on {day:%A %d %B %Y}:", ""]
    for bucket, items in groupby(tasks, key=lambda t: t.bucket(day)):
        lines.append(Bucket(bucket).label)
        for task in items:
            path = (
                f"/people/{task.person_id}/"
                if task.person_id
                else f"/conversations/{task.conversation_id}/"
            )
            lines.append(f"  - {task.title} (due {task.due:%d %b}) {base}{path}")
        lines.append("")
    if not tasks:
        lines.append("Nothing due. A good day to ask someone new for fifteen minutes.")
    lines.append(f"\nTurn this email off in Settings: {base}/settings/")
    return "\n".join(lines)
