"""Pure clinical and enrolment rules: plain data in, decisions out. No I/O, no clock."""
