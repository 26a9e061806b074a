#!/usr/bin/env python3
"""Renders nginx's configuration for the Atlas from the templates beside this file.

    python3 deploy/nginx/render.py          # $NGINX_PREFIX/nginx.conf (var/nginx/), for nginx -p … -c …
    python3 deploy/nginx/render.py --site   # the site alone, to stdout, for /etc/nginx/sites-enabled/

Only the standard library, so that it runs wherever nginx does (Docker's proxy image included).
`${NAME}` in a template is one of the values below, read from the environment; `$name` and
`${name}` (lower case) are nginx's own variables and stay as they are. A line holding only a
`${BLOCK}` gets the block indented as the placeholder is.
"""

import argparse
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MIB = 1024 * 1024
# config/settings/base.py's defaults, which tests/deploy/test_nginx_config.py keeps in step.
DEFAULT_IMAGES_MAX_UPLOAD_BYTES = 10 * MIB
DEFAULT_GUNICORN_TIMEOUT = 30
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
MODULES_DIR = Path("/usr/lib/nginx/modules")
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
BROTLI = """\
brotli on;
brotli_static on;
brotli_comp_level 5;
brotli_min_length 1024;
brotli_types text/css text/plain text/xml text/csv application/javascript application/json
             application/xml application/rss+xml application/atom+xml image/svg+xml
             application/geo+json;
"""


def render(name, values):
    text = (HERE / name).read_text()

    def block(match):
        indent, key = match.group(1), match.group(2)
        if key not in values:
            raise KeyError(f"{name}: no value for ${{{key}}}")
        lines = str(values[key]).rstrip("\n").splitlines()
        return "\n".join(indent + line if line.strip() else "" for line in lines)

    text = re.sub(r"(?m)^([ \t]*)\$\{([A-Z][A-Z0-9_]*)\}[ \t]*$", block, text)

    def inline(match):
        if match.group(1) not in values:
            raise KeyError(f"{name}: no value for ${{{match.group(1)}}}")
        return str(values[match.group(1)])

    return PLACEHOLDER.sub(inline, text)


def upstream(bind):
    """gunicorn's bind (GUNICORN_BIND) as nginx's upstream server: a unix socket, or host:port."""
    if bind.startswith("unix:"):
        return bind
    host, _, port = bind.rpartition(":")
    return f"{'127.0.0.1' if host in ('', '0.0.0.0') else host}:{port}"


def upload_limit(env):
    """The image upload limit plus room for the rest of the form, in MiB (nginx's "12m")."""
    limit = int(env.get("DJANGO_IMAGES_MAX_UPLOAD_BYTES", DEFAULT_IMAGES_MAX_UPLOAD_BYTES))
    return f"{-(-limit // MIB) + 2}m"


def brotli_available(setting):
    if setting in ("on", "off"):
        return setting == "on"
    return all((MODULES_DIR / module).exists() for module in BROTLI_MODULES)


def values_from(env, prefix):
    tls = bool(env.get("NGINX_TLS_CERT") and env.get("NGINX_TLS_KEY"))
    if bool(env.get("NGINX_TLS_CERT")) != bool(env.get("NGINX_TLS_KEY")):
        raise SystemExit("NGINX_TLS_CERT and NGINX_TLS_KEY go together: set both for HTTPS, or neither.")
    hosts = [h.strip() for h in env.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
    gunicorn_timeout = int(env.get("GUNICORN_TIMEOUT", DEFAULT_GUNICORN_TIMEOUT))
    brotli = brotli_available(env.get("NGINX_BROTLI", "auto"))
    values = {
        "PREFIX": str(prefix),
        "HTTP_LISTEN": env.get("NGINX_HTTP_LISTEN", "8080"),
        "HTTPS_LISTEN": env.get("NGINX_HTTPS_LISTEN", "8443"),
        "SERVER_NAME": env.get("NGINX_SERVER_NAME") or " ".join(hosts) or "_",
        # Relative to where render.py runs (nginx would read them relative to its prefix).
        "TLS_CERT": str(Path(env["NGINX_TLS_CERT"]).resolve()) if tls else "",
        "TLS_KEY": str(Path(env["NGINX_TLS_KEY"]).resolve()) if tls else "",
        "UPSTREAM": env.get("NGINX_UPSTREAM") or upstream(env.get("GUNICORN_BIND", "127.0.0.1:8000")),
        "STATIC_ROOT": env.get("DJANGO_STATIC_ROOT", str(ROOT / "staticfiles")).rstrip("/"),
        "MEDIA_ROOT": env.get("DJANGO_MEDIA_ROOT", str(ROOT / "media")).rstrip("/"),
        "BODY_LIMIT": env.get("NGINX_BODY_LIMIT", "1m"),
        "UPLOAD_LIMIT": env.get("NGINX_UPLOAD_LIMIT") or upload_limit(env),
        "CLIENT_TIMEOUT": env.get("NGINX_CLIENT_TIMEOUT", "10s"),
        "KEEPALIVE_TIMEOUT": env.get("NGINX_KEEPALIVE_TIMEOUT", "15s"),
        "PROXY_READ_TIMEOUT": env.get("NGINX_PROXY_READ_TIMEOUT", f"{gunicorn_timeout + 5}s"),
        "WORKER_PROCESSES": env.get("NGINX_WORKER_PROCESSES", "auto"),
        "ACCESS_LOG": env.get("NGINX_ACCESS_LOG", "/dev/stdout"),
        "BROTLI": BROTLI if brotli else "",
        "LOAD_MODULES": "".join(f"load_module {MODULES_DIR / m};\n" for m in BROTLI_MODULES if brotli),
        # As root, nginx's workers drop to this user; as anyone else they run as that user.
        "USER": f"user {env.get('NGINX_USER', 'www-data')};" if os.geteuid() == 0 else "",
    }
    values["SERVER"] = render("server.conf.template", values)
    values["HTTPS_SERVER"] = render("https.conf.template", values) if tls else ""
    values["SITE"] = render("site.conf.template", values)
    return values


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="store_true", help="print the site's configuration alone")
    args = parser.parse_args(argv)
    prefix = Path(os.environ.get("NGINX_PREFIX", ROOT / "var" / "nginx")).resolve()
    values = values_from(os.environ, prefix)
    if args.site:
        sys.stdout.write(values["SITE"])
        return
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "tmp" / folder).mkdir(parents=True, exist_ok=True)
    (prefix / "logs").mkdir(exist_ok=True)  # nginx opens logs/error.log before reading error_log
    (prefix / "nginx.conf").write_text(render("nginx.conf.template", values))
    print(prefix / "nginx.conf")


if __name__ == "__main__":
    main()
