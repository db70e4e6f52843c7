"""`make bench`: live-workshop latency at scale, side by side with the bare Channels stack."""
