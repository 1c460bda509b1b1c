"""The one user-facing error type: something wrong with the input or the arguments (exit 2)."""


class UserError(Exception):
    """Bad input or arguments. The message is one line that names the problem and, where it
    helps, the file and line; the CLI prints it and exits with status 2."""
