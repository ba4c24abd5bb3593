"""Letters to the applicant: the decision letter and the preliminary reply, as HTML and PDF.

The same Django templates serve the page preview and the PDF (WeasyPrint), in the
municipality's written language (bokmål or nynorsk) or an English courtesy translation.
"""
