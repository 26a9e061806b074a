"""gunicorn's configuration, the same for `make prod`, systemd and Docker:
`gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment (GUNICORN_*). gunicorn sits behind nginx
(deploy/nginx/), which buffers whole requests and responses: a sync worker is only busy while
Django works, never while a slow client sends or reads.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"

# A unix socket (only nginx, on this machine, can connect) or 127.0.0.1:PORT; in Docker,
# 0.0.0.0:8000 on the containers' private network.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"

# A request that takes longer is killed (the worker restarts). PostgreSQL's statement timeout
# (DJANGO_STATEMENT_TIMEOUT_MS, 10 s) ends a query well before; nginx waits a little longer
# (NGINX_PROXY_READ_TIMEOUT) so that it answers with its own 504 page, not a reset.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 2  # nginx opens a connection per request; only nginx connects

# A worker is replaced after this many requests (a jitter keeps them from restarting together),
# which bounds the memory any slow leak can take.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# X-Forwarded-Proto and X-Forwarded-For are believed only from these addresses (nginx). A unix
# socket's peer is always trusted.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Heartbeat files in memory, not on a disk that can stall (/dev/shm exists on Linux and in Docker).
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None)

# gunicorn 27's control socket sits at one path in the home folder, shared by every instance on
# the machine; this site does not use it.
control_socket_disable = True


def pre_request(worker, req):
    """A streamed export tells the arbiter its worker is alive after each chunk (core/heartbeat.py):
    the timeout above then ends a request that makes no progress, not one that takes long."""
    from core.heartbeat import set_notify

    set_notify(worker.notify)


accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "" turns it off (the benchmark)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The client's address as nginx saw it (X-Forwarded-For, which nginx overwrites), and the time taken.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
