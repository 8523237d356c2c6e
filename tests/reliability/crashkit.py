"""The crash campaign: write through HTTP, SIGKILL the server at a random moment, restart
it, and check that every write it acknowledged is there and the database is sound.

Used by tests/reliability/test_crash.py (200 cycles in CI) and by
benchmarks/bench_crash.py (1,000 cycles). Each *lane* is one workspace with its own
server; lanes run side by side so that one server's start-up overlaps another's writes.

A write is *acknowledged* when the server answered its form post with a redirect (302),
which it does only after the request's transaction committed. A write in flight when
the process died may or may not be there; either is fine, but it must be all there or
not at all (an import of three people is never found with one or two), and an edit may
never be found older than the last acknowledged one.
"""

import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .server import DROPPED, Client, Server, Store, pk_from

IMPORT_ROWS = 3
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@dataclass
class Figures:
    cycles: int = 0
    killed_while_starting: int = 0
    attempted: int = 0
    acknowledged: int = 0
    in_flight_found: int = 0
    in_flight_absent: int = 0
    checks: int = 0  # acknowledged writes looked up after a crash, summed over cycles
    integrity_checks: int = 0
    seconds: float = 0.0

    def add(self, other: "Figures") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Person:
    pk: int
    name: str
    version: int = 1
    titles: list = field(default_factory=list)  # [title, acknowledged] in the order sent
    asked: bool = False


@dataclass
class Ledger:
    """Everything a lane sent, and what the server acknowledged."""

    people: dict = field(default_factory=dict)  # pk -> Person (creation acknowledged or found)
    created: dict = field(default_factory=dict)  # name -> acknowledged?
    notes: dict = field(default_factory=dict)  # marker -> (person pk, acknowledged?)
    asks: dict = field(default_factory=dict)  # marker -> (person pk, acknowledged?)
    imports: dict = field(default_factory=dict)  # name prefix -> acknowledged?
    failures: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Writer(threading.Thread):
    """Sends a random mix of writes until the server stops answering."""

    def __init__(self, lane: "Lane", number: int, rng: random.Random):
        super().__init__(daemon=True, name=f"writer-{lane.number}-{number}")
        self.lane, self.number, self.rng = lane, number, rng
        self.client = Client(lane.server.port, timeout=60)
        self.sent = 0

    @property
    def ledger(self) -> Ledger:
        return self.lane.ledger

    def run(self) -> None:
        try:
            while True:
                self.one_write()
        except DROPPED:
            return  # the server was killed under us
        except Exception as error:  # noqa: BLE001 - reported, not swallowed
            with self.ledger.lock:
                self.ledger.failures.append(f"{self.name}: {error!r}")

    def tag(self) -> str:
        self.sent += 1
        return f"{self.lane.number}-{self.lane.figures.cycles}-{self.number}-{self.sent}"

    def mine(self) -> list[Person]:
        # Each person is edited by one writer only, so the order of its edits is known.
        return [
            p for pk, p in list(self.ledger.people.items()) if pk % self.lane.writers == self.number
        ]

    def one_write(self) -> None:
        with self.ledger.lock:
            self.lane.figures.attempted += 1
        people = self.mine()
        roll = self.rng.random()
        if not people or roll < 0.3:
            self.create()
        elif roll < 0.5:
            self.edit(self.rng.choice(people))
        elif roll < 0.75:
            self.note(self.rng.choice(people))
        elif roll < 0.9:
            unasked = [p for p in people if not p.asked]
            self.ask(self.rng.choice(unasked)) if unasked else self.create()
        else:
            self.import_three()

    def expect_redirect(self, what: str, response) -> bool:
        if response.status == 302:
            return True
        with self.ledger.lock:
            self.ledger.failures.append(f"{what}: HTTP {response.status}: {response.body[:300]!r}")
        return False

    def count(self, acknowledged: bool) -> None:
        with self.ledger.lock:
            self.lane.figures.acknowledged += int(acknowledged)
            self.lane.answered += 1

    def create(self) -> None:
        name = f"P {self.tag()}"
        self.ledger.created[name] = False
        response = self.client.post("/people/new/", person_fields(name, ""))
        if self.expect_redirect(f"create {name}", response):
            pk = pk_from(response.location)
            self.ledger.people[pk] = Person(pk, name)
            self.ledger.created[name] = True
        self.count(response.status == 302)

    def edit(self, person: Person) -> None:
        title = f"T {self.tag()}"
        person.titles.append([title, False])
        response = self.client.post(
            f"/people/{person.pk}/edit/",
            {**person_fields(person.name, title), "version": person.version},
        )
        if self.expect_redirect(f"edit {person.pk}", response):
            person.titles[-1][1] = True
            person.version += 1
        self.count(response.status == 302)

    def note(self, person: Person) -> None:
        marker = f"N {self.tag()}"
        self.ledger.notes[marker] = (person.pk, False)
        response = self.client.post(f"/people/{person.pk}/notes/", {"text": marker})
        if self.expect_redirect(f"note on {person.pk}", response):
            self.ledger.notes[marker] = (person.pk, True)
        self.count(response.status == 302)

    def ask(self, person: Person) -> None:
        marker = f"A {self.tag()}"
        person.asked = True
        self.ledger.asks[marker] = (person.pk, False)
        response = self.client.post(
            f"/people/{person.pk}/ask/",
            {
                "exploration": self.lane.exploration,
                "on": "2026-11-20",
                "channel": "email",
                "approach": "direct",
                "text": marker,
            },
        )
        if self.expect_redirect(f"ask {person.pk}", response):
            self.ledger.asks[marker] = (person.pk, True)
        self.count(response.status == 302)

    def import_three(self) -> None:
        prefix = f"I {self.tag()} r"
        self.ledger.imports[prefix] = False
        slug = prefix.replace(" ", "-")
        # An organization each: a close name at the same one would be a possible duplicate.
        rows = "".join(
            f"{prefix}{n},Crash,https://example.org/{slug}{n},,Org {slug}{n},Engineer,12 Mar 2024\n"
            for n in range(IMPORT_ROWS)
        )
        upload = self.client.upload(
            "/data/import/",
            {"format": "linkedin"},
            "file",
            "connections.csv",
            (LINKEDIN_HEADER + rows).encode(),
        )
        if not self.expect_redirect(f"import upload {prefix}", upload):
            self.count(False)
            return
        job = pk_from(upload.location)
        response = self.client.post(f"/data/import/{job}/commit/", {})
        done = False
        if self.expect_redirect(f"import commit {prefix}", response):
            # The commit redirects to the job's page whatever happened: it says if it failed.
            page = self.client.get(response.location)
            done = 'id="import-done"' in page.body
            if not done:
                self.ledger.failures.append(f"import {prefix}: not done: {page.body[:2000]}")
            self.ledger.imports[prefix] = done
        self.count(done)


def person_fields(name: str, title: str) -> dict:
    return {
        "name": name,
        "title": title,
        "level": "unknown",
        "how_found": "other",
        "priority": "2",
        "save_anyway": "on",
    }


class Lane:
    """One workspace, its server, and the cycles run against it."""

    def __init__(self, number: int, store: Store, log: Path, seed: int, writers: int = 2):
        self.number, self.store, self.writers = number, store, writers
        self.rng = random.Random(seed)
        self.server = Server(store, log)
        self.ledger = Ledger()
        self.figures = Figures()
        self.exploration = None
        self.answered = 0  # writes answered in this cycle

    def open(self) -> None:
        """First start (migrations), one exploration to ask in, a clean stop."""
        self.server.start()
        self.server.wait_ready()
        response = Client(self.server.port).post(
            "/explorations/",
            {"title": "Crash test", "target_position": "Tester", "decision_kind": "job"},
        )
        self.exploration = pk_from(response.location)
        assert self.server.stop() == 0, self.server.log_tail()

    def cycle(self, max_delay: float) -> None:
        """Restart, check, write, and kill after a random number of answers (1 to 5) and
        a random moment more, while the next writes are in flight. Counting answers
        rather than seconds keeps the writes per cycle the same on a busy machine."""
        self.server.start(quick=True)
        if self.rng.random() < 0.1:  # a crash while starting (binding, forking the worker)
            time.sleep(self.rng.uniform(0, 0.15))
            self.server.kill()
            self.figures.killed_while_starting += 1
            self.figures.cycles += 1
            return
        self.server.wait_ready()
        self.verify()
        self.answered, wanted = 0, self.rng.randint(1, 5)
        writers = [Writer(self, n, random.Random(self.rng.random())) for n in range(self.writers)]
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + 60
        while self.answered < wanted and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(self.rng.uniform(0, max_delay))
        self.server.kill()
        for writer in writers:
            writer.join(timeout=120)
        self.figures.cycles += 1

    def close(self) -> None:
        """A last start of `coffeechat serve` itself: everything checked once more, pages
        render, a clean stop."""
        self.server.close()
        self.server.start()
        self.server.wait_ready()
        self.verify()
        client = Client(self.server.port)
        for path in ("/", "/people/", "/data/", f"/explorations/{self.exploration}/"):
            status = client.get(path).status
            if status != 200:
                self.ledger.failures.append(f"GET {path} after the crashes: HTTP {status}")
        assert self.server.stop() == 0, self.server.log_tail()
        self.ledger.failures += [f"integrity: {p}" for p in self.store.integrity()]

    # ---- checking ---------------------------------------------------------------

    def verify(self) -> None:
        """Every acknowledged write is there; in-flight ones are all there or absent."""
        people = {
            pk: (name, title, version)
            for pk, name, title, version in self.store.rows(
                "SELECT id, name, title, version FROM people_person"
            )
        }
        by_name = {name: pk for pk, (name, _, _) in people.items()}
        notes = set(self.store.rows("SELECT person_id, text FROM people_note"))
        asks = set(
            self.store.rows(
                "SELECT c.person_id, e.text FROM conversations_event e JOIN "
                "conversations_conversation c ON c.id = e.conversation_id WHERE e.kind = 'asked'"
            )
        )
        self.check_created(by_name)
        self.check_edits(people)
        self.check_marked("note", self.ledger.notes, notes)
        self.check_marked("ask", self.ledger.asks, asks)
        self.check_imports(by_name)
        self.ledger.failures += [f"integrity: {p}" for p in self.store.integrity()]
        self.figures.integrity_checks += 1
        if self.ledger.failures:
            raise AssertionError(self.report())

    def fail(self, message: str) -> None:
        self.ledger.failures.append(f"cycle {self.figures.cycles}: {message}")

    def settle(self, acknowledged: bool, present: bool, what: str) -> None:
        """Count one check; an acknowledged write that is missing is the failure we hunt."""
        if acknowledged:
            self.figures.checks += 1
            if not present:
                self.fail(f"acknowledged {what} is missing")
        else:  # in flight at the kill: either outcome is fine, and now we know which
            self.figures.in_flight_found += int(present)
            self.figures.in_flight_absent += int(not present)

    def check_created(self, by_name: dict) -> None:
        for name, acknowledged in list(self.ledger.created.items()):
            present = name in by_name
            self.settle(acknowledged, present, f"person {name!r}")
            if not acknowledged:
                if present:
                    pk = by_name[name]
                    self.ledger.people[pk] = Person(pk, name)
                del self.ledger.created[name]
            elif present:
                del self.ledger.created[name]  # checked once after a crash; edits go on

    def check_edits(self, people: dict) -> None:
        for pk, person in self.ledger.people.items():
            if pk not in people:
                self.fail(f"person {pk} ({person.name}) is gone")
                continue
            _, title, version = people[pk]
            sent = [t for t, _ in person.titles]
            last_acknowledged = max(
                (i for i, (_, ok) in enumerate(person.titles) if ok), default=-1
            )
            found = sent.index(title) if title in sent else -1
            if found == -1 and title != "":
                self.fail(f"person {pk} has a title nobody sent: {title!r}")
            if last_acknowledged >= 0:
                self.settle(
                    True,
                    found >= last_acknowledged,
                    f"edit of person {pk} (found {title!r}, acknowledged "
                    f"{sent[last_acknowledged]!r})",
                )
            person.version = version  # an edit in flight may have landed
            person.titles = [[title, True]] if title else []

    def check_marked(self, what: str, sent: dict, found: set) -> None:
        for marker, (pk, acknowledged) in list(sent.items()):
            present = (pk, marker) in found
            self.settle(acknowledged, present, f"{what} {marker!r} on person {pk}")
            del sent[marker]

    def check_imports(self, by_name: dict) -> None:
        for prefix, acknowledged in list(self.ledger.imports.items()):
            count = sum(1 for n in range(IMPORT_ROWS) if f"{prefix}{n} Crash" in by_name)
            if count not in (0, IMPORT_ROWS):
                self.fail(f"import {prefix!r} is half there: {count} of {IMPORT_ROWS} people")
            self.settle(acknowledged, count == IMPORT_ROWS, f"import {prefix!r}")
            del self.ledger.imports[prefix]

    def report(self) -> str:
        failures = "\n".join(self.ledger.failures[:20])
        return (
            f"lane {self.number} ({self.store.label}, {self.store.data_dir}): "
            f"{len(self.ledger.failures)} failures\n{failures}\n--- server log ---\n"
            f"{self.server.log_tail()}"
        )


def run_campaign(
    stores: list[Store], logs: Path, cycles: int, seed: int, max_delay: float = 0.1, progress=None
) -> Figures:
    """`cycles` crash cycles spread over one lane per store, run side by side."""
    started = time.monotonic()
    lanes = [
        Lane(n, store, logs / f"lane-{n}.log", seed * 1000 + n) for n, store in enumerate(stores)
    ]
    share = [
        cycles // len(lanes) + (1 if n < cycles % len(lanes) else 0) for n in range(len(lanes))
    ]
    errors = []

    def drive(lane: Lane, count: int) -> None:
        try:
            lane.open()
            for done in range(count):
                lane.cycle(max_delay)
                if progress and lane.number == 0:
                    progress(done + 1, count)
            lane.close()
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(error)
            if lane.server.process and lane.server.process.poll() is None:
                lane.server.kill()
            lane.server.close()

    threads = [
        threading.Thread(target=drive, args=(lane, count))
        for lane, count in zip(lanes, share, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    total = Figures()
    for lane in lanes:
        if lane.ledger.failures:
            raise AssertionError(lane.report())
        total.add(lane.figures)
    total.seconds = time.monotonic() - started
    return total
