from shuzhi_lint.cli import main

raise SystemExit(main())
