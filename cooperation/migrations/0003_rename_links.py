"""Names that say what they hold: Partnership.bodies (Body rows), Partnership.parties (Party rows),
Signatory.on_behalf_of, Agreement.domain_links."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cooperation", "0002_search"),
    ]

    operations = [
        migrations.RenameField(model_name="partnership", old_name="parties", new_name="bodies"),
        migrations.AlterField(
            model_name="party",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="parties",
                to="cooperation.partnership",
                verbose_name="partenariat",
            ),
        ),
        migrations.AlterField(
            model_name="party",
            name="body",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="participations",
                to="cooperation.body",
                verbose_name="acteur",
            ),
        ),
        migrations.RenameField(model_name="signatory", old_name="party", new_name="on_behalf_of"),
        migrations.AlterField(
            model_name="agreementdomain",
            name="agreement",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="domain_links",
                to="cooperation.agreement",
                verbose_name="accord",
            ),
        ),
    ]
