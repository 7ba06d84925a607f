"""Standby's benchmark: helpers shared by the scenarios in bench.py."""
