"""Django's password rules, with help texts and error messages in the site's own tone ("je" rather than "uw").

The error messages are written out here too: Django's Dutch translation lags behind its English
messages (the minimum-length message is untranslated in Django 5.2), and the site must never mix languages.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Dit wachtwoord lijkt te veel op je naam of e-mailadres.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet te veel lijken op je naam of e-mailadres.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord heeft minstens %(min_length)d teken.",
            "Je wachtwoord heeft minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord wordt te vaak gebruikt. Kies een ander.")

    def get_help_text(self):
        return _("Je wachtwoord mag geen veelgebruikt wachtwoord zijn.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord bestaat alleen uit cijfers. Gebruik ook letters of tekens.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet alleen uit cijfers bestaan.")
