"""The self-assessment in four modules, imported by name: answers, rules, recommend (the result), flow (the steps)."""
