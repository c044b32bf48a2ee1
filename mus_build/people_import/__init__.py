"""`mus import-people`: bring the people of an HR system's export into the handbook.

Read the file (table, columns, cells), plan every change against the handbook and
collect every problem (plan), and only when there is none edit the person files
(frontmatter_edit, apply). Records are never read for writing, let alone written.
"""
