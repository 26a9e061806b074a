"""deploy/prod.sh (`make prod`) names what is missing before it starts anything."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST", "SITE_URL"]


def run_prod(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    environment.update(ATLAS_ENV_FILE=str(tmp_path / "atlas.env"), NGINX_PREFIX=str(tmp_path / "nginx"))
    environment.update(env)
    command = ["bash", "deploy/prod.sh"]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)


def test_make_prod_names_every_missing_variable(tmp_path):
    result = run_prod(tmp_path, EMAIL_HOST="smtp.example.org")
    assert result.returncode == 2
    first_line = result.stderr.splitlines()[0]
    assert first_line == (
        "make prod needs these variables: DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS DATABASE_URL SITE_URL"
    )
    assert not (tmp_path / "nginx").exists()  # nothing started


def test_make_prod_reads_the_env_file_and_the_environment_wins(tmp_path):
    (tmp_path / "atlas.env").write_text(
        "# the site\nDJANGO_SECRET_KEY=from-the-file\nDJANGO_ALLOWED_HOSTS=atlas.example.org\n"
        "DATABASE_URL=postgres://atlas@db/atlas\nSITE_URL=https://atlas.example.org\n"
    )
    result = run_prod(tmp_path, SITE_URL="")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "make prod needs these variables: EMAIL_HOST SITE_URL"
