"""One call: the interview that plans it, the re-interview, the debrief after it, and the people
in it."""
