"""Writers: the model to PDF (HTML + WeasyPrint) and to DOCX (python-docx). They read nothing else."""
