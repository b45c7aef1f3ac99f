"""`python -m pipeline` runs the `convene` command."""
import sys

from pipeline.cli.main import main

sys.exit(main())
