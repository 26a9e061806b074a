import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "cooperation", "articles", check=True, dry_run=True, verbosity=0)
