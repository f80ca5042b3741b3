# QA Portal: `make run` starts the portal with demo data, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
# pytest-xdist processes for `make test` (one per core).
TEST_PROCESSES ?= auto
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run web worker beat test lint check messages bench bench-surveys bench-reports bench-load backup restore clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

## run: install, migrate, load demo data, start web + Celery worker + beat (Ctrl-C stops all)
run: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  QA Portal: http://$(HOST):$(PORT)/   (Ctrl-C stops web, worker and beat)"
	@echo "  Health:    http://$(HOST):$(PORT)/health/   mails: var/mail/"
	@echo ""
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(VENV)/bin/celery -A qa_portal worker --loglevel=INFO --concurrency=2 --without-mingle --without-gossip -n worker@%h & \
	$(VENV)/bin/celery -A qa_portal beat --loglevel=INFO --pidfile= & \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

## test: the whole suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
test: install
	$(PY) -m pytest -n $(TEST_PROCESSES)

## lint: ruff, migrations in step with models, Django's checks
lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) manage.py check

## messages: refresh and compile the kk/ru/en catalogues of the project's own strings
messages: install
	$(PY) manage.py makemessages -l kk -l ru -l en --no-obsolete -i ".venv/*" -i "var/*" -i "qa_portal/locale/*" -i "tests/*"
	$(PY) manage.py compilemessages -i ".venv" -v0

## bench: 100 members vote at once on gunicorn + PostgreSQL (DATABASE_URL, default …/qa_bench)
bench: install
	$(PY) bench/vote_bench.py

## bench-surveys: course-evaluation submissions on gunicorn + PostgreSQL, results at 100 000
bench-surveys: install
	$(PY) bench/survey_bench.py

## bench-reports: time and peak memory of the annual QA report (about 30 pages)
bench-reports: install
	$(PY) bench/report_bench.py

## bench-load: locust on loopback: 5 000 students, a council of 100 voting, 20 QA staff
bench-load: install
	$(PY) bench/load.py

## backup: database (pg_dump, or the SQLite file) and uploaded files into var/backups/
backup: install
	$(PY) manage.py backup

## restore FILE=var/backups/….tar.gz: replace the database and files with a backup (asks first)
restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/<archive>.tar.gz"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

clean:
	rm -rf var/broker var/cache var/mail
