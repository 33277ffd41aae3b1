"""A one-page summary of the diary, the program and the safety check, to take to a physiotherapist or doctor."""
