"""Tests of the boilerplate, template and spam rules (CC4xx)."""
