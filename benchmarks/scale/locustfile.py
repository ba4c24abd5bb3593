"""Caseworkers at work, for the scale benchmark (issue 8 §5); run by benchmarks/scale/run.py.

Each simulated caseworker starts logged in, then, waiting 1–5 s between requests as people
do, opens the worklist, persons, decisions, a decision letter as PDF and the API's lists.
Persons and decisions are drawn from targets.json (what the demo caseworker may read), written
by build.py.

Logged in: run.py writes sessions.json, one session per simulated user, made before the run
as staff log in in the morning; a login storm of every user in the first seconds (PBKDF2 costs
about 0.3 s of CPU each) is not what a working day looks like and swamped the first runs.
Without sessions.json (or with SCALE_LOGIN=1) each user logs in through the login page.
"""

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

HERE = Path(__file__).resolve().parent
TARGETS = json.loads((HERE / "targets.json").read_text())
SESSIONS_FILE = HERE / "sessions.json"
SESSIONS = (
    json.loads(SESSIONS_FILE.read_text())
    if SESSIONS_FILE.exists() and os.environ.get("SCALE_LOGIN") != "1"
    else None
)
# The letters run.py typeset into the store before the run (a working municipality's store holds
# the letters read before); without letters.json any decision's letter, typeset at first read.
LETTERS_FILE = HERE / "letters.json"
LETTERS = json.loads(LETTERS_FILE.read_text()) if LETTERS_FILE.exists() else TARGETS["decisions"]
PASSWORD = os.environ.get("SCALE_PASSWORD", f"omsorg-demo-{TARGETS['user']}")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Caseworker(HttpUser):
    wait_time = between(1, 5)

    def on_start(self):
        if SESSIONS:
            name, keys = SESSIONS["cookie"], SESSIONS["keys"]
            self.client.cookies.set(name, keys.pop() if len(keys) > 1 else keys[0])
            return
        page = self.client.get("/logg-inn/", name="login page")
        token = _CSRF.search(page.text).group(1)
        answer = self.client.post(
            "/logg-inn/",
            {"username": TARGETS["user"], "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/logg-inn/"},
            name="log in",
            allow_redirects=False,
        )
        if answer.status_code != 302:
            raise RuntimeError(f"login failed: {answer.status_code}")

    @task(3)
    def worklist(self):
        self.client.get("/arbeidsliste/", name="worklist")

    @task(3)
    def person(self):
        self.client.get(f"/personer/{random.choice(TARGETS['persons'])}/", name="person page")

    @task(2)
    def decision(self):
        person, decision = random.choice(TARGETS["decisions"])
        self.client.get(f"/personer/{person}/vedtak/{decision}/", name="decision page")

    @task(1)
    def letter(self):
        person, decision = random.choice(LETTERS)
        self.client.get(f"/personer/{person}/vedtak/{decision}/brev.pdf", name="letter PDF")

    @task(1)
    def api_persons(self):
        self.client.get("/api/v1/persons", name="API persons")

    @task(1)
    def api_decisions(self):
        person = random.choice(TARGETS["persons"])
        self.client.get(f"/api/v1/persons/{person}/decisions", name="API decisions")
