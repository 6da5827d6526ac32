"""Helpers shared by the course's Python programs (python/*.py): the command line, the local
targets started through the Node testbed, and the HTTP server parts the four servers share."""
