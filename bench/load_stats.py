"""What the load benchmark (bench/load.py) keeps of a run and how it prints it.

Every request's time and outcome comes from locust's ``request`` event and is kept exactly
(locust's own statistics round times over 100 ms to two digits, which would blur a 150 ms
target). CPU, in cores busy over the phase: the whole machine, and of it gunicorn (master
and workers), the PostgreSQL backends of the bench's database, this process (the load
generator, on the same cores) and the rest: other processes, which on a shared machine take
their share too.
"""

import os
import resource
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import gevent
import psutil
from harness import percentile

COLUMNS = f"  {'request':<26}{'count':>7}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}"


@dataclass
class Phase:
    """One locust run: requests by name (times in ms), errors by name, first reasons."""

    title: str
    users: int
    times: dict = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    wall: float = 0.0
    cpu: dict = field(default_factory=dict)

    def on_request(self, name, response_time, exception=None, **_):
        self.times[name].append(response_time)
        if exception is not None:
            self.errors[name] += 1
            self.reasons[f"{name}: {exception}"[:160]] += 1

    def on_user_error(self, user_instance, exception, tb, **_):
        self.errors["(user error)"] += 1
        self.reasons[f"{type(user_instance).__name__}: {exception!r}"[:160]] += 1

    @property
    def requests(self):
        return sum(len(times) for times in self.times.values())

    @property
    def error_count(self):
        return sum(self.errors.values())

    def p(self, name, q):
        """The q-th percentile (ms) of the requests called ``name``; None if there were none."""
        times = self.times.get(name)
        return percentile(times, q) if times else None


def cpu_by_process(database):
    """CPU seconds so far of each gunicorn process under this one (master and workers: its
    script is the first or, after the virtualenv's python, the second word) and of each
    PostgreSQL backend connected to ``database``: {("gunicorn" or "postgres", pid): s}."""
    found = {}
    gunicorn = {child.pid for child in psutil.Process().children(recursive=True)}
    for process in psutil.process_iter(["pid", "cmdline", "cpu_times"]):
        words = process.info["cmdline"] or []
        times = process.info["cpu_times"]
        if times is None:
            continue
        if process.pid in gunicorn and any(w.endswith("gunicorn") for w in words[:2]):
            found["gunicorn", process.pid] = times.user + times.system
        elif words and words[0].startswith("postgres:") and f" {database} " in words[0]:
            found["postgres", process.pid] = times.user + times.system
    return found


class CpuMeter:
    """CPU used between ``start()`` and ``stop()`` by the machine, the server (gunicorn), the
    bench's PostgreSQL backends and this process, in cores (CPU seconds per second).

    Processes are sampled every second: a backend that gunicorn closes during the phase
    (``CONN_MAX_AGE``) keeps the CPU it had at its last sample."""

    def __init__(self, database):
        self.database = database

    def sample(self):
        while True:
            self.last.update(cpu_by_process(self.database))
            gevent.sleep(1)

    def start(self):
        self.wall = time.monotonic()
        self.machine = psutil.cpu_times()
        self.own = resource.getrusage(resource.RUSAGE_SELF)
        self.first = cpu_by_process(self.database)
        self.last = dict(self.first)
        self.sampler = gevent.spawn(self.sample)

    def stop(self):
        self.sampler.kill()
        self.last.update(cpu_by_process(self.database))
        wall = time.monotonic() - self.wall
        machine = psutil.cpu_times()
        idle = machine.idle + machine.iowait - self.machine.idle - self.machine.iowait
        own = resource.getrusage(resource.RUSAGE_SELF)
        used = Counter()
        for (kind, pid), seconds in self.last.items():
            used[kind] += seconds - self.first.get((kind, pid), 0)
        busy = (sum(machine) - sum(self.machine) - idle) / wall
        client = (own.ru_utime + own.ru_stime - self.own.ru_utime - self.own.ru_stime) / wall
        cores = {"gunicorn": used["gunicorn"] / wall, "PostgreSQL": used["postgres"] / wall}
        cores["load generator"] = client
        cores["other processes"] = max(0.0, busy - sum(cores.values()))
        return {"busy": busy, "cores": cores, "gunicorn s": used["gunicorn"]}


def ms(value):
    return "—" if value is None else f"{value:.0f}"


def print_phase(phase, extra=()):
    """The phase's users, throughput, latency per request name (ms) and errors."""
    wall = phase.wall or 1e-9
    print(f"\n{phase.title}")
    print(f"  users (concurrent)       {phase.users}")
    for line in extra:
        print(f"  {line}")
    print(
        f"  requests                 {phase.requests} in {phase.wall:.1f} s,"
        f" {phase.requests / wall:.1f} req/s; errors {phase.error_count}"
    )
    print(f"{COLUMNS}{'errors':>8}   (times in ms)")
    for name, times in phase.times.items():
        print(
            f"  {name:<26}{len(times):>7}{len(times) / wall:>8.1f}{ms(phase.p(name, 50)):>8}"
            f"{ms(phase.p(name, 95)):>8}{ms(phase.p(name, 99)):>8}{ms(max(times)):>8}"
            f"{phase.errors[name]:>8}"
        )
    if phase.errors["(user error)"]:
        print(f"  {'(user error)':<26}{phase.errors['(user error)']:>63}")
    cpu = phase.cpu
    per_request = cpu["gunicorn s"] / phase.requests * 1000 if phase.requests else 0
    shares = ", ".join(f"{name} {used:.2f}" for name, used in cpu["cores"].items())
    print(
        f"  CPU (cores)              {cpu['busy']:.2f} of {os.cpu_count()} busy: {shares};"
        f" gunicorn {per_request:.0f} ms a request"
    )
    for reason, n in phase.reasons.most_common(5):
        print(f"    {n} × {reason}")
