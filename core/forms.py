"""Form fields shared by the apps' admin forms."""

from django import forms


class MultilineField(forms.CharField):
    """A textarea's text, with line breaks stored as "\\n".

    Browsers send a textarea's line breaks as "\\r\\n": without this, every save of an unchanged
    multi-line text reported it changed (« Modification de Texte ») and stored "\\r\\n" for "\\n".
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value

    def has_changed(self, initial, data):
        # Compare like with like: the stored text as this field would clean it (a fixture's
        # trailing newline is stripped too).
        if self.disabled:
            return False
        return self.to_python(initial if initial is not None else "") != self.to_python(data)
