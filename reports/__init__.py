"""PDF and Excel reports (no Qt in here).

Certificates (``reports.certificates``, ``reports.signing``, ``reports.verify``): the domain service builds
a canonical record, ``render_certificate`` turns it into a PDF that embeds the record (attachment
``itam-record.json``, its SHA-256 in the document information, every footer and a QR code),
``sign_pdf`` adds a PAdES signature with the key kept in ``<data dir>/signing``, and ``verify_pdf``
checks a file offline. ``reports.fonts`` picks Helvetica or a CJK TrueType font per text;
``reports.i18n`` holds the certificate labels in English and Simplified Chinese.
"""
