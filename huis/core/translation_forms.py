"""Staff forms get the French and English of their translated fields, optional.

`TranslationFieldsMixin` goes before `forms.ModelForm` (or a `forms.Form` that names its
`translated_model`): for every translated field the form shows (`title`), it adds `title_fr` and
`title_en`, filled from the instance. `self.add_translation_fieldset(helper)` puts them in a
fieldset "Français / English" at the end of the form's layout, and its service gets them with
`self.translations()`. The form's own field stays the Dutch one.
"""

import copy

from crispy_forms.layout import Fieldset, Layout
from django.utils.translation import gettext_lazy as _

from .content_language import OTHER_LANGUAGES, Translations, translated_fields

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class TranslationFieldsMixin:
    translated_model = None  # for a plain Form; a ModelForm uses its Meta.model

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self.translated_model or getattr(getattr(self, "_meta", None), "model", None)
        instance = getattr(self, "instance", None)
        self.translation_names: list[str] = []
        translated = set(translated_fields(model)) if model else set()
        # In the order the form shows the Dutch fields.
        for name in [name for name in self.fields if name in translated]:
            source = self.fields[name]
            for code in OTHER_LANGUAGES:
                field = copy.deepcopy(source)
                field.required = False
                field.label = f"{source.label} ({LANGUAGE_NAMES[code]})"
                field.help_text = ""
                key = f"{name}_{code}"
                self.fields[key] = field
                if instance is not None and instance.pk:
                    self.initial.setdefault(key, getattr(instance, key, None) or "")
                self.translation_names.append(key)

    def translation_fieldset(self) -> Fieldset:
        return Fieldset(_("Français / English"), *self.translation_names)

    def translations(self) -> Translations:
        return {name: self.cleaned_data.get(name) or "" for name in self.translation_names}

    def add_translation_fieldset(self, helper) -> None:
        if not self.translation_names:
            return
        if helper.layout is None:
            others = [name for name in self.fields if name not in self.translation_names]
            helper.layout = Layout(*others)
        helper.layout.append(self.translation_fieldset())
