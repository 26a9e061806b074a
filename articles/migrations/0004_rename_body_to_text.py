"""Article.body becomes Article.text: « body » is the cooperation app's word for an actor."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_article_search_vector"),
    ]

    operations = [
        migrations.RenameField(model_name="article", old_name="body", new_name="text"),
    ]
