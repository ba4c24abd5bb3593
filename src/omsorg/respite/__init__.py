"""Respite homes (avlastningsbolig): homes, owners' shares, placements, plans, stays, reports."""
