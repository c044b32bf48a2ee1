"""What the handbook's Git history proves about sign-offs: who added each `signed_off`
entry, and whether the record changed after it.

A source stage beside `check`: it reads the history with git (a subprocess with fixed
arguments, never a shell) and each version of a record with the same strict YAML reader
`mus check` uses. What it finds is handed on as plain data (which entries a later change
voided); the model and the pages never run git.
"""
