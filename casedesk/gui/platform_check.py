"""Can a window be shown here?  Checked before QApplication exists, because Qt aborts the
process (no exception, no clear message) when it has no display or its platform plugin cannot
load."""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Mapping

NO_DISPLAY = (
    "casedesk cannot open its window because no display is available; run it on a desktop, "
    "under a virtual display with `xvfb-run casedesk`, or without a screen by setting "
    "QT_QPA_PLATFORM=offscreen."
)

#: Libraries the Qt xcb platform plugin loads, with the Debian/Ubuntu package providing them.
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}
XCB_PACKAGES = ("libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1 "
                "libfontconfig1 libdbus-1-3")


def will_use_xcb(env: Mapping[str, str]) -> bool:
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(";")[0].split(":")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None,
                    find_library: object = None) -> str | None:
    """One sentence saying why no window can be shown, or None when all looks fine."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")):
        return NO_DISPLAY
    if will_use_xcb(env):
        find = find_library or ctypes.util.find_library
        missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if not find(lib)]  # type: ignore[operator]
        if missing:
            return (
                "casedesk cannot open its window because the Qt xcb platform plugin is missing "
                f"system libraries ({', '.join(missing)}); on Debian or Ubuntu install them with "
                f"`sudo apt install {XCB_PACKAGES}`."
            )
    return None
