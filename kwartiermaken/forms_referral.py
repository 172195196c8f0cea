"""The form to start a referral from outreach work: netwerk's one intake. The needs observed on
the entry go along by themselves."""

from netwerk.forms import IntakeForm

from .services.referrals import ReferralFromOutreach


class OutreachReferralForm(IntakeForm):
    def details(self) -> ReferralFromOutreach:
        data = self.cleaned_data
        return ReferralFromOutreach(
            to_organisation=data["to_organisation"],
            alias=data["alias"],
            contact=data["contact"],
            question=data["question"],
            tried=data["tried"],
            items=tuple(data["items"]),
            also_share_with=tuple(data["also_share_with"]),
            receiver_may_pass_on=data["receiver_may_pass_on"],
            consent_given=data["consent_given"],
        )
