"""How long verifying a password takes with our Argon2id parameters and with Django's
defaults (docs/SECURITY.md): `.venv/bin/python -m benchmarks.bench_passwords`."""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")

import django  # noqa: E402

django.setup()

from argon2 import PasswordHasher  # noqa: E402
from django.contrib.auth.hashers import Argon2PasswordHasher  # noqa: E402

from coffeechat.accounts.hashers import Argon2idHasher  # noqa: E402

PASSWORD = "a long enough passphrase"
RUNS = 20


def verify_times(hasher_class) -> list[float]:
    hasher = hasher_class()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        assert hasher.verify(PASSWORD, encoded)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    assert PasswordHasher  # argon2-cffi, which Django's hasher uses
    print("| Parameters | median | fastest | slowest |\n|---|---|---|---|")
    for label, h in [("ours", Argon2idHasher), ("Django's default", Argon2PasswordHasher)]:
        times = verify_times(h)
        print(
            f"| {label}: Argon2id m = {h.memory_cost // 1024} MiB, t = {h.time_cost}, "
            f"p = {h.parallelism} | {statistics.median(times):.0f} ms | {min(times):.0f} ms "
            f"| {max(times):.0f} ms |"
        )


if __name__ == "__main__":
    main()
