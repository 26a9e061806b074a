from django.core.management import call_command

from core.management.commands import prepare_production


def test_prepare_production_runs_each_step_in_order(monkeypatch):
    called = []
    monkeypatch.setattr(prepare_production, "call_command", lambda name, **options: called.append(name))
    call_command("prepare_production")
    assert called == [
        "check",
        "migrate",
        "createcachetable",
        "collectstatic",
        "seed",
        "refresh_partnership_status",
        "newsletter_resume",
    ]
