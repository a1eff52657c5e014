"""Renderers: each turns a finished result into text or bytes and computes nothing."""
