"""allauth's sign-up form, with the same work for an address that already has an account."""

from django.contrib.auth.hashers import make_password

from allauth.account.forms import SignupForm as AllauthSignupForm


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # allauth then only mails the address ("account already exists") and answers as for a new
            # account, but skips the password hash a new account costs (most of the time): hash it here
            # too, so how long the answer takes does not tell whether the address has an account.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
