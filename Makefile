# The two set-up commands of README.md: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000

.PHONY: run prod test venv setup seed reset-seed worker lint messages audit-tools audit

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

setup: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	@# Loads the seed into an empty database only; on one with content it changes nothing.
	$(PY) manage.py seed
	$(PY) manage.py refresh_partnership_status --verbosity 0
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	@echo
	@echo "Site:  http://$(ADDR)/   Admin: http://$(ADDR)/admin/"
	@echo "Staff account: $(PY) manage.py createsuperuser"
	@echo "E-mails are written to var/sent_emails/ (set EMAIL_HOST for SMTP)."
	@echo
	$(PY) manage.py newsletter_resume
	$(PY) manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(ADDR)

# The production stack on this machine (README « Production »): nginx in front of gunicorn, the task
# worker, the hourly refresh, Redis. Needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL
# (PostgreSQL), EMAIL_HOST and an https:// SITE_URL, in the environment or in .env.
prod: venv
	deploy/prod.sh

# Two processes (pytest-xdist), each taking whole test files; PYTEST_ARGS adds options, e.g.
# PYTEST_ARGS=--cov (coverage) or PYTEST_ARGS="-n0 tests/site" (one process, one folder).
PYTEST_WORKERS ?= 2
test: venv
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The checkers of tests/site/test_audit.py (axe-core, the Nu HTML checker, Lighthouse), at the
# versions of tools/audit/package-lock.json, from the npm registry; they need Node 18.16+ and Java.
# --ignore-scripts: vnu-jar's install script would download a Java runtime when none is found.
AUDIT_TOOLS := tools/audit/node_modules/.package-lock.json
$(AUDIT_TOOLS): tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

audit-tools: $(AUDIT_TOOLS)

# axe, Nu and Lighthouse on the main pages in both languages (README « Audit »), a few minutes.
audit: venv audit-tools
	$(PY) -m pytest -n0 tests/site/test_audit.py $(PYTEST_ARGS)

seed: venv
	$(PY) manage.py seed

# Empties the whole database (staff accounts and every edit included), after asking.
reset-seed: venv
	$(PY) manage.py flush
	$(PY) manage.py seed

worker: venv
	$(PY) manage.py worker

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check --tabwidth 2 templates

messages: venv
	$(PY) manage.py makemessages -l en --ignore=$(VENV) --ignore=staticfiles --ignore=tools
	$(PY) manage.py compilemessages --ignore=$(VENV)
