"""The `complaints` command: one thin module per command group over the stages below.

Commands parse options, call one library function and report; exits are decided
once, in `main`. May import every stage.
"""
