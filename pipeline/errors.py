"""Errors that reach the user as a one-line message and a non-zero exit."""


class UserError(Exception):
    """A mistake the user can fix: a bad path, option or file. Printed as one line, exit code 2."""

    exit_code = 2
