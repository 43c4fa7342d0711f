"""margin: a keyboard-driven terminal workbench for reading and annotating news articles.

The package's core (``model``, ``schema``, ``corpus``, ``store``, ``anchor``, ``tokens``,
``export``, ``agree``, ``suggest``) imports no Textual and can be used as a library.
"""

__version__ = "0.1.0"
