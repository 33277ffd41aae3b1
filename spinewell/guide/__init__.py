"""The guided session: its steps from a plan's session, where the person is, and what Done writes to the diary."""
