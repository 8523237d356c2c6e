"""Speech made from known text, for the transcription tests and benchmark (SPEC C5).

espeak-ng speaks each answer, sox joins them with pauses (and mixes noise in), so the
words and the moment each answer starts are known exactly. Both are Debian packages
(`apt-get install espeak-ng sox`); nothing here needs the network.
"""

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

RATE = 16000  # Whisper's own rate: nothing to resample


@dataclass(frozen=True)
class Answer:
    text: str
    start: float  # seconds into the meeting's audio
    end: float


def speak(text: str, path: Path, voice: str = "en-us", speed: int = 160) -> Path:
    """`text` spoken into a 16 kHz mono WAV file."""
    raw = path.with_suffix(".raw.wav")
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(path)],
        check=True,
        capture_output=True,
    )
    raw.unlink()
    return path


# The format of every sound made here: RATE samples a second, one channel, 16 bits.
MONO_16 = ["-r", str(RATE), "-c", "1", "-b", "16"]


def seconds(path: Path) -> float:
    out = subprocess.run(["soxi", "-D", str(path)], check=True, capture_output=True, text=True)
    return float(out.stdout)


def silence(path: Path, length: float) -> Path:
    subprocess.run(
        [
            "sox",
            "-n",
            *MONO_16,
            str(path),
            "trim",
            "0",
            f"{length:.3f}",
        ],
        check=True,
        capture_output=True,
    )
    return path


def meeting(
    answers: list[str],
    path: Path,
    *,
    pause: float = 3.0,
    lead: float = 1.0,
    voice: str = "en-us",
    speed: int = 160,
) -> list[Answer]:
    """The answers spoken one after another with `pause` seconds between them (where
    the interviewer moves to the next question), after `lead` seconds of silence."""
    with tempfile.TemporaryDirectory() as folder:
        parts, timed, at = [silence(Path(folder) / "lead.wav", lead)], [], lead
        gap = silence(Path(folder) / "gap.wav", pause)
        for number, text in enumerate(answers):
            spoken = speak(text, Path(folder) / f"answer-{number}.wav", voice, speed)
            length = seconds(spoken)
            timed.append(Answer(text, at, at + length))
            parts += [spoken, gap]
            at += length + pause
        subprocess.run(["sox", *map(str, parts), str(path)], check=True, capture_output=True)
    return timed


def with_noise(clean: Path, path: Path, noise_volume: float) -> Path:
    """`clean` with pink noise mixed in at `noise_volume` (0.0-1.0 of full scale)."""
    noise = path.with_suffix(".noise.wav")
    subprocess.run(
        [
            "sox",
            "-n",
            *MONO_16,
            str(noise),
            "synth",
            f"{seconds(clean):.3f}",
            "pinknoise",
            "vol",
            str(noise_volume),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["sox", "-m", str(clean), str(noise), str(path)], check=True, capture_output=True
    )
    noise.unlink()
    return path


def to_ogg(wav: Path, path: Path) -> Path:
    """The WAV as Ogg Vorbis, a stream as a browser's recorder could send."""
    subprocess.run(["sox", str(wav), "-C", "3", str(path)], check=True, capture_output=True)
    return path
