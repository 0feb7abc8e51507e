"""The settings dialog: UI language and the auto-lock interval."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QSpinBox, QWidget

from casedesk.gui import autolock, i18n
from casedesk.gui.forms import child, load_form


class SettingsDialog(QDialog):
    language_changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.form = load_form("settings_form", self)
        self.setWindowTitle(self.tr("Settings"))
        self.language = child(self.form, QComboBox, "languageCombo")
        self.minutes = child(self.form, QSpinBox, "autolockSpin")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(i18n.current_language(settings))))
        self.minutes.setValue(int(autolock.autolock_minutes(settings)))
        box = child(self.form, QDialogButtonBox, "buttonBox")
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        from casedesk.gui.sync_ui import add_settings_section

        self.sync_section = add_settings_section(self, settings)
        self.resize(self.form.size())

    def save(self) -> None:
        self.settings.setValue(autolock.SETTING, self.minutes.value())
        self.sync_section.save()
        lang = self.language.currentData()
        if lang != i18n.current_language(self.settings) or \
                self.settings.value(i18n.SETTING) != lang:
            self.language_changed.emit(lang)
        self.accept()
