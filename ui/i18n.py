"""Interface language: which translators are installed, and names for data-driven labels.

Literal strings go through ``self.tr()``/``QCoreApplication.translate`` and the ``.qm`` files under
``resources/translations``; sentences from the core (errors, warnings, notes) through :func:`core_text`
and the catalogues of :mod:`itam.messages`. Labels that come from data files (categories, statuses, stages, fields)
carry their own ``name``/``name_zh`` pair; :func:`localized` picks the one for the current language.
GUI thread only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from itam.fields import ASSET_FIELDS, categories
from itam.lifecycle import default_lifecycle
from itam.messages import localize
from itam.paths import resource

log = logging.getLogger(__name__)

#: Language code -> its own name (shown in the language menu untranslated, as is customary).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"
TRANSLATIONS_DIR = resource("translations")

_current = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


def normalize_language(code: str | None) -> str | None:
    """``zh``, ``zh-CN``, ``zh_Hans_CN`` … -> ``zh_CN``; unknown or empty -> ``None``."""
    if not code:
        return None
    low = code.strip().replace("-", "_").lower()
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en") or low in ("c", "posix"):
        return "en"
    return None


def system_language() -> str:
    """The supported language closest to the system locale (English when none fits)."""
    for name in QLocale.system().uiLanguages():
        found = normalize_language(name)
        if found:
            return found
    return DEFAULT_LANGUAGE


def choose_language(requested: str | None, saved: str | None) -> str:
    """``--lang`` beats the saved preference beats the system locale."""
    return normalize_language(requested) or normalize_language(saved) or system_language()


def current_language() -> str:
    return _current


def is_chinese() -> bool:
    return _current == "zh_CN"


def set_language(language: str) -> bool:
    """Install the translators for ``language`` (replacing earlier ones).

    Qt then posts a ``LanguageChange`` event to every window, and widgets retranslate themselves in
    ``changeEvent``. Returns ``False`` when the translation file is missing, in which case the
    interface stays in English.
    """
    global _current
    lang = normalize_language(language) or DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translators")
    wanted: list[QTranslator] = []
    ok = True
    if lang != DEFAULT_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(f"itam_{lang}", str(TRANSLATIONS_DIR)):
            wanted.append(ours)
            # Qt's own strings (standard dialog buttons, line-edit context menus).
            base = QTranslator(app)
            if base.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                wanted.append(base)
        else:
            log.warning("No translation file itam_%s.qm in %s; the interface stays in English", lang, TRANSLATIONS_DIR)
            ok = False
            lang = DEFAULT_LANGUAGE
    # Set before the translators change: the LanguageChange events they cause read it.
    _current = lang
    QLocale.setDefault(QLocale("zh_CN" if lang == "zh_CN" else "en_US"))
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    for translator in wanted:
        app.installTranslator(translator)
        _installed.append(translator)
    return ok


# --- the core's sentences -----------------------------------------------------------------------------
def core_text(value: object) -> str:
    """A message from the core (an error, warning, note or reason) in the interface language.

    The core writes them with :func:`itam.messages.tr`; anything else is shown as it is.
    """
    return localize(value, _current)


def core_lines(values, separator: str = "\n") -> str:
    """Several core messages, each in the interface language, joined."""
    return separator.join(core_text(v) for v in values)


# --- data-driven labels -----------------------------------------------------------------------------
def localized(name: str, name_zh: str | None) -> str:
    """The label for the current language: ``name_zh`` in Chinese when there is one, else ``name``."""
    if _current == "zh_CN" and name_zh:
        return name_zh
    return name


def field_label(field: str) -> str:
    """An asset field's column/form label (``asset_tag`` -> "Asset tag" / "资产编号")."""
    spec = ASSET_FIELDS.get(field)
    if spec is None:
        return field
    return localized(spec.label, spec.label_zh)


def category_name(key: str | None) -> str:
    if key is None:
        return ""
    cat = categories().get(key)
    return localized(cat.name, cat.name_zh) if cat else key


def status_name(key: str | None) -> str:
    if key is None:
        return ""
    st = default_lifecycle().statuses.get(key)
    return localized(st.name, st.name_zh) if st else key


def stage_name(number: int | None) -> str:
    if number is None:
        return ""
    try:
        st = default_lifecycle().stage(number)
    except KeyError:
        return str(number)
    return f"{number} · {localized(st.name, st.name_zh)}"


def lever_name(key: str | None) -> str:
    if key is None:
        return ""
    for st in default_lifecycle().stages:
        if st.lever == key:
            return localized(st.lever_name, st.lever_name_zh)
    return key


def transition_name(key: str | None) -> str:
    if key is None:
        return ""
    t = default_lifecycle().transitions.get(key)
    return localized(t.name, t.name_zh) if t else key
