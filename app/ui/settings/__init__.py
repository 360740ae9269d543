"""The business's settings and its people: the Settings dialog, the first-run answers, and
who this computer's Hearth is for."""
