"""PLOVER event coding resources: the trigger lexicon (``triggers.txt``) and its matcher,
actor and marker readers over the parse, modes, the issue lexicon of positions, and readers
for the gold data used by ``storyline eval events``."""
