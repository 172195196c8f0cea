"""Where staff add the French and English of a translated model."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TranslationEditor:
    """Where staff add the French and English of a translated model ("app_label.Model"):
    `url_name` takes the object's pk (or nothing, for a one-row model such as the house's facts).
    Without an editor, the overview links the admin's change page."""

    model: str
    url_name: str


_translation_editors: dict[str, TranslationEditor] = {}


def register_translation_editor(editor: TranslationEditor) -> None:
    _translation_editors[editor.model.lower()] = editor


def translation_editor_for(label: str) -> TranslationEditor | None:
    return _translation_editors.get(label.lower())
