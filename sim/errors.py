"""The one error type for bad input.

Every check in the library raises :class:`InputError` (a ``ValueError``) whose message names the
field, the allowed values and a short echo of what was given, e.g.
``sites[2].volume: must be >= 0, got -5``. Front ends catch this type only: it is the user's to
fix, shown as one line per problem. Any other exception is a bug and surfaces as one (a traceback
in the CLI, an error box with its details in the app).
"""

__all__ = ["InputError"]


class InputError(ValueError):
    """Input that cannot be used; ``problems`` lists one message per problem."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))

    def __reduce__(self):
        """Pickle with the problem list, so an error raised in a worker process arrives whole."""
        return type(self), (self.problems,)
