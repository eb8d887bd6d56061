from caseweave.cli import main

raise SystemExit(main())
