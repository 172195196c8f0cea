"""Het netwerk: the partner network's charter, warm referrals with one intake, shared
responsibility for a person's guidance, and the welcoming places."""
