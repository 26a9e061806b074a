#!/usr/bin/env bash
# `make prod`: the production stack on this machine, in the foreground (Ctrl-C stops it all):
# nginx in front of gunicorn, the task worker, the hourly status refresh, and Redis when
# REDIS_URL is not given and redis-server is installed. README « Production » says what each
# variable is; this script only checks that they are there, the settings check the rest.
#
#   ATLAS_SETUP=0        skip the set-up (deployment checks, migrate, collectstatic, seed, …)
#   ATLAS_ENV_FILE=path  read the variables from this file instead of .env
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# Optional: the variables below in .env (ATLAS_ENV_FILE), one NAME=value a line; the environment wins.
env_file="${ATLAS_ENV_FILE:-.env}"
if [ -f "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    name="${line%%=*}"
    if [ -z "${!name+set}" ]; then export "$line"; fi
  done <"$env_file"
fi
export PATH="$ROOT/.venv/bin:$PATH" DJANGO_SETTINGS_MODULE=config.settings.prod

missing=()
for name in DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS DATABASE_URL EMAIL_HOST SITE_URL; do
  [ -n "${!name:-}" ] || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
  cat >&2 <<MSG
make prod needs these variables: ${missing[*]}
  DJANGO_SECRET_KEY     a long random string (python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
  DJANGO_ALLOWED_HOSTS  the site's host names, e.g. atlas.example.org (127.0.0.1 to try it here)
  DATABASE_URL          PostgreSQL, e.g. postgres://atlas:password@127.0.0.1:5432/atlas
  EMAIL_HOST            the SMTP server (EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS)
  SITE_URL              the site's https:// address, used in e-mails and feeds
See README.md, « Production », for a local example.
MSG
  exit 2
fi
command -v nginx >/dev/null || { echo "make prod needs nginx (apt-get install nginx)" >&2; exit 2; }

export NGINX_PREFIX="${NGINX_PREFIX:-$ROOT/var/nginx}"
mkdir -p "$NGINX_PREFIX"
export GUNICORN_BIND="${GUNICORN_BIND:-unix:$NGINX_PREFIX/gunicorn.sock}"

processes=(web worker nginx clock)
if [ -z "${REDIS_URL:-}" ]; then
  if command -v redis-server >/dev/null; then
    redis_url="unix://$NGINX_PREFIX/redis.sock"   # a socket: no port to collide with
    processes+=(redis)
  else
    echo "note: no REDIS_URL and no redis-server: the cache is PostgreSQL's cache_table (one machine only)" >&2
  fi
fi

if [ "${ATLAS_SETUP:-1}" != 0 ]; then
  # check --deploy, migrate, createcachetable, collectstatic, seed, refresh_partnership_status,
  # newsletter_resume, in one process. Before Redis is up: its writes to the cache go to the
  # database cache, which nothing reads once Redis (started empty) is the cache.
  python manage.py prepare_production
fi
python3 deploy/nginx/render.py >/dev/null
nginx -t -q -e stderr -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf"
if [ -n "${redis_url:-}" ]; then export REDIS_URL="$redis_url"; fi

address() { case "$1" in *:*) echo "$1" ;; *) echo "127.0.0.1:$1" ;; esac; }
echo "Serving ${SITE_URL} through nginx on http://$(address "${NGINX_HTTP_LISTEN:-8080}")$(
  [ -n "${NGINX_TLS_CERT:-}" ] && echo " and https://$(address "${NGINX_HTTPS_LISTEN:-8443}")"): ${processes[*]}"
exec honcho --procfile deploy/Procfile start "${processes[@]}"
