"""What the About box and ``packaging/THIRD_PARTY.md`` say: the version, casedesk's licence and
the licences of the components a bundle ships (a test checks the Markdown file lists each)."""

from __future__ import annotations

from dataclasses import dataclass

from casedesk import __version__

__all__ = ["COMPONENTS", "LICENCE", "Component", "__version__", "summary"]

LICENCE = "GPL-3.0-or-later"
HOMEPAGE = "https://www.gnu.org/licenses/gpl-3.0.html"


@dataclass(frozen=True)
class Component:
    name: str
    licence: str
    url: str


COMPONENTS: tuple[Component, ...] = (
    Component("PySide6 / Qt 6", "LGPL-3.0", "https://www.qt.io/licensing/open-source-lgpl-obligations"),
    Component("SQLCipher (sqlcipher3)", "BSD-3-Clause (SQLCipher), zlib (sqlcipher3)",
              "https://www.zetetic.net/sqlcipher/license/"),
    Component("SQLite", "Public domain", "https://sqlite.org/copyright.html"),
    Component("OpenSSL (libcrypto in sqlcipher3 and cryptography)", "Apache-2.0",
              "https://www.openssl.org/source/license.html"),
    Component("SQLAlchemy", "MIT", "https://www.sqlalchemy.org"),
    Component("Alembic", "MIT", "https://alembic.sqlalchemy.org"),
    Component("extract-msg", "GPL-3.0", "https://github.com/TeamMsgExtractor/msg-extractor"),
    Component("docxtpl", "LGPL-2.1", "https://github.com/elapouya/python-docx-template"),
    Component("python-docx", "MIT", "https://github.com/python-openxml/python-docx"),
    Component("Jinja2", "BSD-3-Clause", "https://palletsprojects.com/p/jinja/"),
    Component("lxml (libxml2, libxslt)", "BSD-3-Clause (MIT for libxml2/libxslt)",
              "https://lxml.de"),
    Component("icalendar", "BSD-2-Clause", "https://github.com/collective/icalendar"),
    Component("holidays", "MIT", "https://github.com/vacanza/holidays"),
    Component("rapidfuzz", "MIT", "https://github.com/rapidfuzz/RapidFuzz"),
    Component("pypdfium2 / PDFium", "Apache-2.0 or BSD-3-Clause (PDFium: BSD-3-Clause)",
              "https://github.com/pypdfium2-team/pypdfium2"),
    Component("argon2-cffi", "MIT", "https://github.com/hynek/argon2-cffi"),
    Component("cryptography", "Apache-2.0 or BSD-3-Clause", "https://cryptography.io"),
    Component("platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    Component("Python", "PSF-2.0", "https://docs.python.org/3/license.html"),
)


def summary() -> str:
    """Plain text for ``casedesk --version --verbose``-style output and the About box."""
    lines = [f"casedesk {__version__} — licence {LICENCE}", "", "Bundled components:"]
    lines += [f"  {c.name}: {c.licence}" for c in COMPONENTS]
    return "\n".join(lines)
