"""`python -m pet_generator COMMAND …`: the same as the `pet-generator` command."""

import sys

from pet_generator.tools.command import main

sys.exit(main())
