"""Beeldvorming: destigmatisation. Campaigns, talks, testimonies, and the reach they had."""
