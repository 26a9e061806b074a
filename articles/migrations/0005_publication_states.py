"""Articles get the publication states of every public row: `status` becomes `publication`, and an
article that was published with a date to come (scheduling by the day) goes online at that
day's midnight, in the site's time zone."""

import datetime

from django.db import migrations, models
from django.utils import timezone


def status_to_publication(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(status="draft").update(publication="draft")
    today = timezone.localdate()
    for article in Article.objects.filter(status="published", published_on__gt=today).only("published_on"):
        midnight = datetime.datetime.combine(article.published_on, datetime.time())
        article.publish_at = timezone.make_aware(midnight)
        article.save(update_fields=["publish_at"])


def publication_to_status(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.exclude(publication="published").update(status="draft")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_rename_body_to_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="publication",
            field=models.CharField(
                choices=[("draft", "brouillon"), ("published", "publié"), ("withdrawn", "retiré")],
                default="published",
                max_length=10,
                verbose_name="publication",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="publish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Date et heure (heure de Paris) ; laissée vide, dès la publication.",
                null=True,
                verbose_name="mise en ligne le",
            ),
        ),
        migrations.RunPython(status_to_publication, publication_to_status),
        migrations.RemoveIndex(model_name="article", name="article_status_date_idx"),
        migrations.RemoveField(model_name="article", name="status"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["publication", "publish_at"], name="article_publication_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("publication", "published")),
                fields=["-published_on", "-id", "publish_at"],
                name="article_public_date_idx",
            ),
        ),
    ]
