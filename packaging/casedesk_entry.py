"""Entry point of the PyInstaller bundle: the same ``casedesk`` command as the wheel installs."""

from casedesk.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
