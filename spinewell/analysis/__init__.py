"""The figures a person cares about, from a clean log: the day table, the pain trend and its alerts, the weeks."""
