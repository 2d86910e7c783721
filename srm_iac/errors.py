"""Errors srm-iac reports to the user.

Every error the CLI can show derives from ``SrmError``; the CLI catches only that base class,
prints ``diagnostics()`` on one line and exits 2. Messages never quote input values (they may
be secrets): they name files, paths, keys and fields instead.

    SrmError
    ├── InputError                 the thing to check cannot be read
    │   ├── UnsupportedFormatError    a state file, a plan -json log stream, an unknown version
    │   └── TruncatedInputError       empty or cut-off documents
    ├── CatalogError               the control catalog is broken (file, item, field)
    ├── ConfigError                a config, attestation or waiver file is broken
    ├── UsageError                 the command line asks for something impossible
    ├── HistoryError               the history database is unreadable, corrupted or too new
    ├── CheckError                 a check raised: reported, never silently skipped
    └── ReviewError                posting to a pull request failed (token, access, network)
"""

from __future__ import annotations

from srm_iac.terminal import printable


class SrmError(Exception):
    """Base class of every error srm-iac reports to the user."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        if hint:
            self.hint = hint

    def diagnostics(self) -> str:
        """One line: what went wrong and, where useful, what to do about it.

        Whitespace runs become one space and control characters a visible U+FFFD: a file
        name from a pull request cannot break the line or drive the terminal.
        """
        text = " ".join(self.message.split())
        line = f"{text} ({self.hint})" if self.hint else text
        return printable(line)


class InputError(SrmError):
    """The input (plan, preview, source tree) cannot be read as what it claims to be."""


class UnsupportedFormatError(InputError):
    """The input is a known format that srm-iac does not check, or an unsupported version."""


class TruncatedInputError(InputError):
    """The input is empty or ends before the document does."""


class CatalogError(SrmError):
    """The control catalog failed validation."""


class ConfigError(SrmError):
    """A user-written file (config, attestations, waivers) failed validation."""


class UsageError(SrmError):
    """The command line is inconsistent."""


class HistoryError(SrmError):
    """The history database cannot be opened, read or written."""


class CheckError(SrmError):
    """A check raised an exception while evaluating the inventory."""


class ReviewError(SrmError):
    """Posting a review to a pull or merge request failed; never quotes the token."""
