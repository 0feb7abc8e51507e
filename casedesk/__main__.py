from casedesk.cli.main import main

raise SystemExit(main())
