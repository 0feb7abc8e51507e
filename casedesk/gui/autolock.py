"""Idle auto-lock: an application-wide event filter notes user input; after
``security/autolock_minutes`` (QSettings, default 10) without any, ``idle`` is emitted."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal

SETTING = "security/autolock_minutes"
DEFAULT_MINUTES = 10
INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
}


#: The firm's policy (``autolock_minutes``), when set, overrides each user's own setting.
POLICY_MINUTES: list[float] = []


def autolock_minutes(settings: QSettings) -> float:
    if POLICY_MINUTES:
        return POLICY_MINUTES[0]
    try:
        value = float(settings.value(SETTING, DEFAULT_MINUTES))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_MINUTES
    return value if value > 0 else DEFAULT_MINUTES


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.last_input = time.monotonic()
        self.active = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.last_input = time.monotonic()
        self.active = True
        seconds = autolock_minutes(self.settings) * 60
        self.timer.start(int(max(50, min(15_000, seconds * 1000 / 4))))

    def stop(self) -> None:
        self.active = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False

    def check(self) -> None:
        if self.active and time.monotonic() - self.last_input >= \
                autolock_minutes(self.settings) * 60:
            self.stop()
            self.idle.emit()
