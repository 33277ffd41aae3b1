"""The person's data (their answers, plan history, check-ins, lessons read, diary) behind one small interface."""
