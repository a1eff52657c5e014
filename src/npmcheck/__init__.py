"""npmcheck: how far is a country from a working, OPCAT-compliant National Preventive Mechanism?"""

__version__ = "0.1.0"
