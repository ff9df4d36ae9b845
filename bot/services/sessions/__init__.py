"""Sessions: today's exercises, then pain and difficulty, and stepping through them."""
