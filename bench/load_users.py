"""The people of the load benchmark (bench/load.py) as locust users: students handing in the
course evaluation, council members voting, QA-office staff on their dashboard.

A locust user is one concurrent client. Students and members arrive signed in (a session as
signing in leaves it, made by ``survey_bench.signed_in_sessions``); the staff sign in over
HTTP with the real password hasher. A user stops by itself when it has nothing left to do
(no student waiting, the member has voted) or when its scenario's ``deadline`` (a
``time.monotonic()`` value) has passed; the one it is serving is always finished first, so
nothing is cut off in the middle of a submission.
"""

import random
import secrets
import time
from urllib.parse import urlencode

from harness import CSRF_INPUT, PASSWORD
from locust import FastHttpUser, task
from locust.exception import StopUser
from requests.cookies import create_cookie
from survey_bench import answer_form
from vote_bench import CHOICES, MESSAGE, Shot, classify

FORM = "application/x-www-form-urlencoded"


class Browser(FastHttpUser):
    """A browser on loopback: cookies for 127.0.0.1, the Origin header a browser sends with
    a form, the CSRF secret of its cookie sent back with each form."""

    abstract = True
    deadline = float("inf")

    def past_deadline(self):
        return time.monotonic() >= self.deadline

    def signed_in_as(self, session_key):
        """Forget the last person and hold ``session_key`` and a fresh CSRF cookie."""
        self.client.cookiejar.clear()
        self.csrf = secrets.token_hex(16)  # the unmasked 32-character secret of the cookie
        for name, value in (("sessionid", session_key), ("csrftoken", self.csrf)):
            self.client.cookiejar.set_cookie(create_cookie(name, value, domain="127.0.0.1"))

    def page(self, path, name):
        """GET a page; anything but 200 is an error."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            return response.text or ""

    def post(self, path, name, form, headers=None):
        body = urlencode([("csrfmiddlewaretoken", self.csrf), *form])
        sent = {"Content-Type": FORM, "Origin": self.host, "Referer": self.host + path}
        return self.client.post(
            path,
            name=name,
            data=body,
            headers={**sent, **(headers or {})},
            allow_redirects=False,
            catch_response=True,
        )


class Student(Browser):
    """Students at the semester's end, one after another on this client: each opens My
    surveys, then the course evaluation, answers (the wait) and submits once, then sees the
    thank-you page; with ``visit = False``, the student only submits (the page is open).
    Set before a run: ``students`` (a list of (target pk, session key) the clients share and
    pop from), ``fields`` (the sheet), ``started`` and ``accepted`` (lists the users append
    to)."""

    abstract = True
    visit = True
    students = fields = started = accepted = None

    @task
    def hand_in(self):
        if self.past_deadline() or not self.students:
            raise StopUser
        target, session_key = self.students.pop()
        self.started.append(target)
        self.signed_in_as(session_key)
        path = f"/en/surveys/{target}/"
        if self.visit:
            self.page("/en/surveys/", "my surveys")
            self.wait()
            self.page(path, "survey page")
            self.wait()
        form = answer_form(self.fields, random.Random(target))
        with self.post(path, "submission", form) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or not location.endswith(f"{path}thanks/"):
                response.failure(f"not accepted: HTTP {response.status_code} {location}")
                return
            self.accepted.append(target)
        if self.visit:
            self.page(location, "thanks page")


class Member(Browser):
    """One council member, present at the meeting in session: opens each motion, thinks, votes
    once (the page's htmx button), and sees the live count the page polls. Set before a run:
    ``members`` (a list of (member index, session key) to pop from) and ``motions`` (ballot →
    motion pk); ``shots`` (ballot → list) collects a ``vote_bench.Shot`` per vote."""

    abstract = True
    members = motions = shots = None

    @task
    def vote(self):
        if not self.members:
            raise StopUser
        index, session_key = self.members.pop()
        self.signed_in_as(session_key)
        choice = CHOICES[index % len(CHOICES)]
        for ballot, motion in self.motions.items():
            path = f"/en/motions/{motion}/"
            self.page(path, f"motion page ({ballot})")
            self.wait()
            shot = Shot(index, choice)
            htmx = {"HX-Request": "true", "HX-Current-URL": self.host + path}
            form = [("choice", choice)]
            with self.post(f"{path}vote/", f"vote ({ballot} ballot)", form, htmx) as response:
                messages = MESSAGE.findall(response.text or "")
                shot.outcome = classify(
                    response.status_code,
                    [(tag, " ".join(words.split())) for tag, words in messages],
                )
                if shot.outcome != "accepted":
                    response.failure(f"vote not recorded: {shot.outcome}")
            self.shots[ballot].append(shot)
            self.page(f"{path}live/", f"live count ({ballot})")
        raise StopUser


class Staff(Browser):
    """A member of the QA office: signs in (the real password hasher), then reloads the home
    dashboard until the deadline. Set before a run: ``emails`` (a list to pop from)."""

    abstract = True
    emails = None

    def on_start(self):
        email = self.emails.pop()
        login = "/en/accounts/login/"
        token = CSRF_INPUT.search(self.page(login, "sign-in page"))
        form = {"username": email, "password": PASSWORD}
        self.csrf = token.group(1) if token else ""
        with self.post(login, "sign in", list(form.items())) as response:
            if response.status_code != 302:
                response.failure(f"{email} not signed in: HTTP {response.status_code}")

    @task
    def dashboard(self):
        if self.past_deadline():
            raise StopUser
        self.page("/en/", "QA dashboard")
