"""Writing profiles: YAML in the style of the bundled profiles, changes spliced into the text a
person wrote (untouched parts stay byte for byte), and a full check before anything is written."""
