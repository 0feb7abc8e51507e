"""The UI language: English (the source strings) and Greek.

Strings go through Qt's translation system (``self.tr()`` / ``QCoreApplication.translate``);
their sources are ``resources/translations/casedesk_<lang>.ts`` (edit them with Qt Linguist) and
the compiled ``.qm`` next to them is loaded at start and when the language changes in the
settings.  Qt's own strings (standard buttons, the file dialog) come from ``qtbase_<lang>.qm``
shipped with PySide6.  The language is stored in QSettings ``ui/language``; by default it follows
the system locale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGES: dict[str, str] = {"en": "English", "el": "Ελληνικά"}
SETTING = "ui/language"

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    from casedesk.resources import resource_path

    return resource_path("translations")


def system_language() -> str:
    lang = QLocale.system().name().split("_")[0]
    return lang if lang in LANGUAGES else "en"


def current_language(settings: QSettings) -> str:
    value = str(settings.value(SETTING, "") or "")
    return value if value in LANGUAGES else system_language()


def locale_for(lang: str) -> QLocale:
    """The system locale when it speaks ``lang`` (keeps the user's regional formats), else the
    language's main locale."""
    system = QLocale.system()
    if system.name().split("_")[0] == lang:
        return system
    return QLocale(QLocale.Language.Greek, QLocale.Country.Greece) if lang == "el" \
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def install(lang: str) -> QLocale:
    """Switch the application's translators to ``lang`` (widgets get a LanguageChange event)
    and return the locale to format dates with."""
    app = QCoreApplication.instance()
    assert app is not None
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / f"casedesk_{lang}.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{lang}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    locale = locale_for(lang)
    QLocale.setDefault(locale)
    return locale
