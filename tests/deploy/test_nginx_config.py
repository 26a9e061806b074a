"""deploy/nginx/render.py: its defaults follow the settings; what it renders is valid for nginx."""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("render", ROOT / "deploy" / "nginx" / "render.py")
render = importlib.util.module_from_spec(spec)
spec.loader.exec_module(render)


def test_defaults_follow_the_settings():
    values = render.values_from({}, Path("/tmp/nginx"))
    assert values["STATIC_ROOT"] == str(settings.STATIC_ROOT)
    assert settings.STATIC_URL == "/static/"
    limit = getattr(settings, "IMAGES_MAX_UPLOAD_BYTES", render.DEFAULT_IMAGES_MAX_UPLOAD_BYTES)
    assert limit == render.DEFAULT_IMAGES_MAX_UPLOAD_BYTES
    assert values["UPLOAD_LIMIT"] == "12m"


def test_the_upload_limit_follows_the_image_limit_and_the_upstream_gunicorn():
    values = render.values_from(
        {"DJANGO_IMAGES_MAX_UPLOAD_BYTES": str(20 * render.MIB), "GUNICORN_BIND": "0.0.0.0:9000"}, Path("/x")
    )
    assert values["UPLOAD_LIMIT"] == "22m"
    assert values["UPSTREAM"] == "127.0.0.1:9000"
    assert render.upstream("unix:/run/atlas/gunicorn.sock") == "unix:/run/atlas/gunicorn.sock"


def test_https_only_with_a_certificate_and_its_key():
    assert "ssl_certificate" not in render.values_from({}, Path("/x"))["SITE"]
    site = render.values_from({"NGINX_TLS_CERT": "/c.pem", "NGINX_TLS_KEY": "/k.pem"}, Path("/x"))["SITE"]
    assert "ssl_certificate /c.pem;" in site and "ssl_certificate_key /k.pem;" in site
    with pytest.raises(SystemExit, match="go together"):
        render.values_from({"NGINX_TLS_CERT": "/c.pem"}, Path("/x"))


def test_forwarded_headers_are_set_by_nginx_and_unknown_placeholders_refused():
    site = render.values_from({}, Path("/x"))["SITE"]
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "${" not in site
    with pytest.raises(KeyError, match=r"no value for \$\{SERVER\}"):
        render.render("site.conf.template", {})


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx)")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=atlas"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "NGINX_PREFIX": str(tmp_path),
        "NGINX_TLS_CERT": str(cert),
        "NGINX_TLS_KEY": str(key),
    }
    env["NGINX_USER"] = "root"  # pytest's temp folder is private to this user
    subprocess.run(["python3", "deploy/nginx/render.py"], cwd=ROOT, env=env, check=True, capture_output=True)
    checked = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
