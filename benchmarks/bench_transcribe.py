"""Transcription on this machine (SPEC C5, issue 22): accuracy, placement and speed.

    python -m benchmarks.bench_transcribe               # about 5 minutes on 2 busy cores
    python -m benchmarks.bench_transcribe --minutes 20  # the issue's full 20-minute case

Speech is made from known text with espeak-ng (several voices and speeds, pink noise
mixed in with sox), so every figure compares with the truth:
- WER per condition: the words recognised against the text spoken.
- Placement: a scripted meeting whose answers are switched at known times (the click
  comes half a second after each answer ends), placed by the app's own rule
  (coffeechat/domain/transcript.py); a word is right when it lands under the question
  whose answer was being spoken at its time.
- Speed: a meeting of --minutes transcribed by a process of its own with the app's
  settings (COFFEECHAT_TRANSCRIBE_THREADS, default 2): its real-time factor and peak
  memory, while `coffeechat serve` answers Today, asked every 200 ms, beside it.
The model is COFFEECHAT_TRANSCRIBE_MODEL or the packaged tiny.en. Prints JSON; the
figures are copied into docs/PERFORMANCE.md by hand with the machine's load.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from .speech import meeting, seconds, speak, with_noise

TEXT = (
    "I started in customer support and moved into research after a short course. "
    "Most of my week is spent talking to customers and writing up what we learn. "
    "The hardest part is saying no to good ideas when the team has no time. "
    "If you want to get in, read the public reports and offer to help on a small study. "
    "I would choose this work again, but I would learn statistics much earlier."
)
CONDITIONS = [  # voice, words per minute, pink noise volume
    ("en-us", 160, 0.0),
    ("en-us", 200, 0.0),
    ("en-gb-x-rp", 160, 0.0),
    ("en-us+f3", 150, 0.0),
    ("en-us", 160, 0.1),
    ("en-us", 160, 0.3),
]
ANSWERS = [
    "I started in customer support and moved into research after a short course.",
    "Most of my week is spent talking to customers and writing up what we learn.",
    "The hardest part is saying no to good ideas when the team has no time.",
    "Read the public reports and offer to help on a small study.",
    "Yes, I would choose it again, but I would learn statistics much earlier.",
    "You should talk to my colleague who runs the hiring for the research team.",
]


def model():
    from coffeechat.conversations.transcription import model_folder

    found = model_folder()
    if found is None:
        sys.exit(
            "No model: pip install 'coffeechat[transcribe]' or set COFFEECHAT_TRANSCRIBE_MODEL"
        )
    return found


def words(path: Path):
    from coffeechat.conversations.transcription import words_of

    return words_of(str(path), model())


def accuracy(folder: Path) -> list[dict]:
    from coffeechat.domain.transcript import word_error_rate

    rows = []
    for voice, speed, noise in CONDITIONS:
        clean = speak(TEXT, folder / f"{voice}-{speed}.wav", voice, speed)
        heard = (
            with_noise(clean, folder / f"{voice}-{speed}-{noise}.wav", noise) if noise else clean
        )
        text = "".join(word.text for word in words(heard))
        rows.append(
            {
                "voice": voice,
                "wpm": speed,
                "noise": noise,
                "wer": round(word_error_rate(TEXT, text), 3),
                "heard": text.strip(),
            }
        )
    return rows


def placement(folder: Path) -> dict:
    from coffeechat.domain.transcript import Switch, place

    pause = 2.0
    spoken = meeting(ANSWERS, folder / "meeting.wav", pause=pause)
    # The interviewer moves on half a second after each answer ends.
    switches = [Switch(0.0, 0)] + [
        Switch(answer.end + 0.5, number + 1) for number, answer in enumerate(spoken[:-1])
    ]
    heard = words(folder / "meeting.wav")
    right = 0
    for piece_words, piece in _placed(heard, switches, place):
        truth = [_truth(word, spoken, pause) for word in piece_words]
        right += sum(1 for question in truth if question == piece.question_id)
    return {
        "answers": len(ANSWERS),
        "words": len(heard),
        "right": right,
        "share_right": round(right / max(len(heard), 1), 4),
    }


def _placed(heard, switches, place):
    """Each piece with its own words (place() keeps their order)."""
    pieces, at = place(heard, switches), 0
    for piece in pieces:
        count = len(piece.text.split())
        yield heard[at : at + count], piece
        at += count


def _truth(word, spoken, pause) -> int:
    middle = (word.start + word.end) / 2
    for number, answer in enumerate(spoken):
        if middle <= answer.end + pause / 2:
            return number
    return len(spoken) - 1


def long_meeting(folder: Path, minutes: float) -> Path:
    """The answers again and again, voices taking turns, to `minutes` of audio."""
    part = folder / "part.wav"
    meeting(ANSWERS, part, pause=2.0)
    repeats = max(1, round(minutes * 60 / seconds(part)))
    path = folder / "long.wav"
    subprocess.run(["sox", *[str(part)] * repeats, str(path)], check=True)
    return path


def child(path: str) -> None:
    """Run in a process of its own: transcribe and report time and peak memory."""
    import django

    django.setup()
    from coffeechat.conversations.transcription import background_priority

    started, cpu = time.monotonic(), time.process_time()
    with background_priority():  # as the worker's job does
        heard = words(Path(path))
    print(
        json.dumps(
            {
                "wall_s": round(time.monotonic() - started, 1),
                "cpu_s": round(time.process_time() - cpu, 1),
                "words": len(heard),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


def speed(folder: Path, minutes: float) -> dict:
    from .load import Server, clean_env

    path = long_meeting(folder, minutes)
    audio = seconds(path)
    data_dir = folder / "workspace"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("coffeechat")),
            "demo-data",
            "--data-dir",
            str(data_dir),
            "--people",
            "300",
        ],
        check=True,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
    )
    with Server(data_dir) as server:
        quiet = _today_latencies(server, 50)
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bench_transcribe", "--child", str(path)],
            env=clean_env(DJANGO_SETTINGS_MODULE="coffeechat.settings"),
            stdout=subprocess.PIPE,
            text=True,
        )
        busy: list[float] = []
        sampler = threading.Thread(target=_sample_while, args=(server, process, busy))
        sampler.start()
        out, _ = process.communicate()
        sampler.join()
    result = json.loads(out.strip().splitlines()[-1])
    return {
        "audio_s": round(audio, 1),
        **result,
        "real_time_factor": round(result["wall_s"] / audio, 3),
        "minutes_for_20_minutes": round(result["wall_s"] / audio * 20, 1),
        "today_quiet": _summary(quiet),
        "today_while_transcribing": _summary(busy),
        "load_before": os.getloadavg(),
    }


def _today_latencies(server, count: int) -> list[float]:
    return [_timed(server.url("/")) for _ in range(count)]


def _sample_while(server, process, into: list[float]) -> None:
    deadline = time.monotonic() + 3600
    while process.poll() is None and time.monotonic() < deadline:
        into.append(_timed(server.url("/")))
        time.sleep(0.2)


def _timed(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.monotonic() - started) * 1000


def _summary(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    if not ordered:
        return {}
    return {
        "n": len(ordered),
        "p50_ms": round(ordered[len(ordered) // 2], 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--minutes",
        type=float,
        default=3.0,
        help="length of the meeting for the speed run (issue: 20)",
    )
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    import django

    django.setup()
    with tempfile.TemporaryDirectory() as folder:
        load = os.getloadavg()
        report = {
            "model": model().name,
            "threads": os.environ.get("COFFEECHAT_TRANSCRIBE_THREADS", "2"),
            "cores": os.cpu_count(),
            "load_at_start": [round(x, 2) for x in load],
            "accuracy": accuracy(Path(folder)),
            "placement": placement(Path(folder)),
        }
        if not args.skip_speed:
            report["speed"] = speed(Path(folder), args.minutes)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
