"""The self-assessment: answers (checked and described), rules (scores and reasons), recommend (answers -> referral or
fitted program) and flow (the steps a person goes through). Import from the submodule that holds the thing."""
