# Two images from the same tested configuration files (deploy/): `app` (gunicorn, the worker,
# the refresh) and `proxy` (Debian's nginx, as in `make prod`). Used by compose.yaml. They were not
# built on the project's machine (no image can be pulled there); the configurations they run are
# the ones tests/deploy/test_stack.py starts and checks.

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin atlas
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# Static files at build time (no database, no secret needed); the media folder belongs to the app
# user, so that a named volume mounted on it starts writable.
RUN DJANGO_SETTINGS_MODULE=config.settings.dev python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media && chown atlas:atlas /app/media
USER atlas
ENV DJANGO_SETTINGS_MODULE=config.settings.prod \
    GUNICORN_BIND=0.0.0.0:8000 \
    DJANGO_MEDIA_ROOT=/app/media
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]

FROM debian:bookworm-slim AS proxy
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-filter \
       libnginx-mod-http-brotli-static python3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY deploy/nginx /srv/atlas/deploy/nginx
COPY --from=app /app/staticfiles /srv/atlas/staticfiles
ENV NGINX_PREFIX=/var/lib/atlas-nginx \
    DJANGO_STATIC_ROOT=/srv/atlas/staticfiles \
    DJANGO_MEDIA_ROOT=/srv/atlas/media \
    NGINX_UPSTREAM=web:8000 \
    NGINX_HTTP_LISTEN=8080 \
    NGINX_HTTPS_LISTEN=8443
RUN mkdir -p /var/lib/atlas-nginx /srv/atlas/media && chown www-data:www-data /var/lib/atlas-nginx
USER www-data
EXPOSE 8080 8443
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"
CMD ["sh", "-c", "python3 /srv/atlas/deploy/nginx/render.py && exec nginx -e stderr -p \"$NGINX_PREFIX\" -c \"$NGINX_PREFIX/nginx.conf\""]
